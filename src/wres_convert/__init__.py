"""wres-convert: returned WRES case-study templates in, published case studies out."""

__version__ = "0.1.0"
