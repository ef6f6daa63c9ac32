"""The standard a return is made for, as data: ``Standard.load("wres")`` (see pack.py)."""

from wres_convert.standard.pack import Standard

__all__ = ["Standard"]
