"""Word content controls (``w:sdt``) as ``Control`` blocks.

A returned form's controls often name the question they answer (``w:tag``, ``w:alias``), which is
the strongest evidence the mapper can have, so a control with a name keeps it around its content.
A control still showing its prompt ("Click or tap here to enter text.") is an unanswered question:
it keeps its name but never its prompt.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from wres_convert.model import Block, Control
from wres_convert.readers.docx.package import on, w, wval


class ControlInfo(NamedTuple):
    tag: str = ""
    title: str = ""
    placeholder: bool = False

    @property
    def named(self) -> bool:
        return bool(self.tag or self.title)

    @property
    def meaningful(self) -> bool:
        """Worth a ``Control`` block: it names a question, or says the question went unanswered."""
        return self.named or self.placeholder

    def around(self, inner: ControlInfo) -> ControlInfo:
        """Nested controls as one: the innermost name wins field by field, so an unnamed inner
        control keeps its outer name; either showing its prompt means nothing was answered."""
        return ControlInfo(
            inner.tag or self.tag, inner.title or self.title, self.placeholder or inner.placeholder
        )


def control_info(sdt: etree._Element) -> ControlInfo:
    sdt_pr = sdt.find(w("sdtPr"))
    if sdt_pr is None:
        return ControlInfo()
    return ControlInfo(
        tag=(wval(sdt_pr.find(w("tag"))) or "").strip(),
        title=(wval(sdt_pr.find(w("alias"))) or "").strip(),
        placeholder=bool(on(sdt_pr.find(w("showingPlcHdr")))),
    )


def wrap(blocks: list[Block], info: ControlInfo | None) -> list[Block]:
    """``blocks`` as the content of one control described by ``info``.

    An unnamed control that is not a placeholder adds nothing a reader of the page would see, so its
    blocks come back bare. A control whose whole content is another control merges with it.
    """
    if info is None or not info.meaningful:
        return blocks
    if info.placeholder:
        return [Control((), info.tag, info.title, True)]
    if len(blocks) == 1 and isinstance(blocks[0], Control):
        inner = blocks[0]
        merged = info.around(ControlInfo(inner.tag, inner.title, inner.placeholder))
        return [Control(inner.blocks, merged.tag, merged.title, merged.placeholder)]
    return [Control(tuple(blocks), info.tag, info.title)]
