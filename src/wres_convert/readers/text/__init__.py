"""Plain-text returns (.txt, pasted e-mail) to the document model.

Plain text has no structure but what people type: blank lines between blocks, bullet and number
markers, indentation for nesting, short lines standing alone as sub-headings, and, in returns
pasted out of a web form, literal HTML (``text_html``). Decoding is ``text_decode``'s job, line
shapes are ``text_lines``'; this module walks the blocks and decides what each one is.
"""

from __future__ import annotations

from wres_convert.model import Block, Document, Inlines, Message
from wres_convert.readers.contract import guarded


@guarded("unreadable-text", "the text file", "save it again as UTF-8 text, or send the .docx")
def read(data: bytes) -> Document:
    """Read the bytes of a plain-text return into a ``Document`` (format "text")."""
    # Imported here, not with the package: the web-page and mail readers and the sniffer import
    # ``text.decode`` alone, and should not pay for the line rules (and the standard they load).
    from wres_convert.readers.text.build import Markup, read_lines
    from wres_convert.readers.text.decode import decode_text
    from wres_convert.readers.text.markdown import is_markdown, to_html

    text, warnings = decode_text(data)
    if is_markdown(text):
        text = to_html(text)  # its marks become structure, never text on a page
    # HTML pasted into a text return is read by the web-page reader, by the same rules as a page.
    blocks, said = read_lines(text, warnings, Markup(_fragment, _inline))
    return Document(tuple(blocks), "text", tuple(said))


def _fragment(text: str) -> tuple[list[Block], list[Message]]:
    from wres_convert.readers.html import fragment_blocks  # lxml: only for text holding tags

    return fragment_blocks(text)


def _inline(text: str) -> tuple[Inlines, list[Message]]:
    from wres_convert.readers.html import inline_spans

    return inline_spans(text)
