"""text/lazy.py: what is made or loaded on first use behaves as what it stands for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("&#;ampltx0123456789abcdef javascript:<>\u00e9")), max_size=30))
def test_unescape_is_html_unescape(text: str) -> None:
    import html

    from wres_convert.text.lazy import unescape

    assert unescape(text) == html.unescape(text)


def test_unescape_loads_no_html_module_for_text_without_an_entity() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom wres_convert.text.lazy import unescape\n"
        "assert unescape('Style1') == 'Style1'\nassert 'html' not in sys.modules\n"
        "assert unescape('a&amp;b') == 'a&b'\nassert 'html' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
