"""An HTML form's tick box (as Word's "Web Page, Filtered" saves a legacy check box) reads as its
state, ☒ or ☐, as the DOCX reader writes a Word check box."""

from __future__ import annotations

from wres_convert.model import Table
from wres_convert.readers.text import read


def test_an_html_check_box_reads_as_its_state() -> None:
    html = (
        "<p>Which WRES indicators has your organisation improved on?</p><table>"
        '<tr><td><input type="checkbox"></td><td>Indicator 4</td></tr>'
        "<tr><td><INPUT TYPE=CHECKBOX CHECKED></td><td>Indicator 7</td></tr></table>"
    )
    doc = read(html.encode())
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [row[0].text for row in table.rows] == ["☐", "☒"]
