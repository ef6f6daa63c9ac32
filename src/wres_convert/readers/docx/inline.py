"""The inside of a Word paragraph: runs, hyperlinks, fields, inline content controls and revisions
become ``Span``s; text boxes anchored in the paragraph are handed back to be read as blocks.

Word hides a lot behind wrappers (smart tags, custom XML, ``w:ins``, ``mc:AlternateContent``); each
is unwrapped here once so the block reader only ever sees text and formatting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from wres_convert.model import Message, Note, Span
from wres_convert.readers.docx.checkboxes import control_mark, field_mark, fonts_symbol_text, symbol_mark
from wres_convert.readers.docx.controls import ControlInfo, control_info
from wres_convert.readers.docx.drawings import Anchored, DrawingReader, Dropped, choose_branch
from wres_convert.readers.docx.omml import M as MATH
from wres_convert.readers.docx.omml import linear
from wres_convert.readers.docx.package import MC, Props, R, Relationship, on, props_of, w, wval
from wres_convert.readers.docx.styles import Styles, hidden_by
from wres_convert.text import patterns
from wres_convert.values import field, record

__all__ = ["HIDDEN_TEXT", "Format", "Inline", "InlineReader", "NoteCaller", "choose_branch"]

# Looks up a note by its kind ("footnote", "endnote") and id: its mark as Word shows it, and the note.
NoteCaller = Callable[[str, str], tuple[str, Note] | None]
NOTE_REFERENCES = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}

# Wrappers whose content is ordinary paragraph content (inserted and moved-here text is kept).
TRANSPARENT = {w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("dir"), w("bdo")}
BREAK_IGNORED = {"page", "column"}
# Tags and attributes compared for every run and paragraph: spelt out once, not per element.
_R, _RPR, _T, _BR, _CR, _SYM, _RUBY = w("r"), w("rPr"), w("t"), w("br"), w("cr"), w("sym"), w("ruby")
_TABS = {w("tab"), w("ptab")}
_DRAWINGS = {w("drawing"), w("pict"), w("object")}
_FLD_CHAR, _INSTR_TEXT, _NO_BREAK_HYPHEN = w("fldChar"), w("instrText"), w("noBreakHyphen")
_HYPERLINK, _FLD_SIMPLE, _SDT, _SUB_DOC = w("hyperlink"), w("fldSimple"), w("sdt"), w("subDoc")
_ALTERNATE = f"{{{MC}}}AlternateContent"
_MATHS = {f"{{{MATH}}}oMath", f"{{{MATH}}}oMathPara"}
_R_STYLE, _B, _I, _R_FONTS, _TYPE = w("rStyle"), w("b"), w("i"), w("rFonts"), w("type")
_FONTS_PATH = f"{_RPR}/{_R_FONTS}"
_FIELD_TOKEN = patterns.compile(r'"([^"]*)"|(\S+)')
_SWITCHES_WITH_ARGUMENT = {"\\o", "\\t"}
# Said once per document when hidden text was skipped; never quotes it (it may be anything).
HIDDEN_TEXT = Message("hidden-text", "text formatted as hidden in Word was left out")


class Format(NamedTuple):
    bold: bool = False
    italic: bool = False
    href: str | None = None
    hidden: bool = False  # w:vanish, directly or through a style: invisible in Word, never read


@record(eq=False)
class _Field:
    """One open complex field (``w:fldChar`` begin … separate … end)."""

    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    href: str | None = None
    mark: str | None = None  # a legacy check box's state, written where the field stands


class _InlineControl(NamedTuple):
    """An inline content control and the spans (``start:end``) its content produced."""

    info: ControlInfo
    start: int
    end: int
    depth: int  # 0 for a control directly in the paragraph, 1 inside another control, …


@record(eq=False)
class Inline:
    """What one paragraph yields: its spans, what is anchored in it (text boxes, SmartArt, what
    was left out), its inline controls."""

    spans: list[Span] = field(default_factory=list)
    anchored: list[Anchored] = field(default_factory=list)
    controls: list[_InlineControl] = field(default_factory=list)

    def sole_control(self) -> ControlInfo | None:
        """The control holding all of the paragraph's text, when it names a question or shows its
        prompt. Word often puts a form's answer field inline, alone in its paragraph; its tag is
        then the only evidence of the question, so the paragraph is read as that control."""
        outer = [c for c in self.controls if c.depth == 0]
        if len(outer) != 1:
            return None
        inked = [i for i, s in enumerate(self.spans) if s.text.strip()]
        info = ControlInfo()
        for control in sorted(self.controls, key=lambda c: c.depth):
            if all(control.start <= i < control.end for i in inked):
                info = info.around(control.info)
        return info if info.meaningful else None


def hyperlink_field_href(instruction: str) -> str | None:
    """The URL of a ``HYPERLINK "url" \\l "anchor"`` field; None for other fields and bookmarks."""
    tokens = [
        m.group(1) if m.group(1) is not None else m.group(2) for m in _FIELD_TOKEN.finditer(instruction)
    ]
    if not tokens or tokens[0].upper() != "HYPERLINK":
        return None
    url: str | None = None
    anchor: str | None = None
    rest = iter(tokens[1:])
    for token in rest:
        switch = token.lower()
        if switch == "\\l":
            anchor = next(rest, None)
        elif switch in _SWITCHES_WITH_ARGUMENT:
            next(rest, None)
        elif switch.startswith("\\"):
            continue
        elif url is None:
            url = token
    if not url:
        return None  # a link to a bookmark in this document: nowhere to point on a web page
    return f"{url}#{anchor}" if anchor else url


class InlineReader:
    """Reads paragraph content. Complex fields may span paragraphs, so their state lives here."""

    def __init__(
        self,
        styles: Styles,
        rels: dict[str, Relationship],
        drawings: DrawingReader | None = None,
        notes: NoteCaller | None = None,
    ) -> None:
        self._styles = styles
        self._rels = rels
        self.drawings = drawings if drawings is not None else DrawingReader(rels, lambda _name: None)
        self._notes = notes
        self._custom_mark: tuple[str, Note] | None = None  # a note marked by the next run's text
        self._fields: list[_Field] = []
        self._control_depth = 0
        self.skipped_hidden = False  # some hidden text was left out: the reader may warn (HIDDEN_TEXT)
        self.hidden_notes: set[tuple[str, str]] = set()  # (kind, id) of notes whose mark is hidden

    def read(self, paragraph: etree._Element, base: Format) -> Inline:
        """The paragraph's content."""
        ppr = paragraph.find(w("pPr"))
        return self.read_styled(paragraph, base, wval(ppr.find(w("pStyle"))) if ppr is not None else None)

    def read_styled(self, paragraph: etree._Element, base: Format, style_id: str | None) -> Inline:
        """``read`` for a paragraph whose style id (``w:pPr/w:pStyle``) the caller has looked up."""
        out = Inline()
        # The paragraph's style (or the document default) may hide all its runs.
        hidden = _first(self._styles.hidden(style_id), self._styles.default_hidden)
        self._content(paragraph, base._replace(hidden=hidden) if hidden else base, out)
        # A field still collecting its instruction cannot run on into the next paragraph: drop it so
        # a damaged field hides at most the rest of one paragraph.
        self._fields = [f for f in self._fields if f.in_result]
        if self._custom_mark is not None:  # the typed mark never came: Word's own mark, so no note is lost
            out.spans.append(Span(self._custom_mark[0], note=self._custom_mark[1]))
            self._custom_mark = None
        return out

    def _content(self, parent: etree._Element, fmt: Format, out: Inline) -> None:
        for child in parent:
            tag = child.tag
            if tag == _R:
                self._run_with_properties(child, fmt, out)
            elif tag in TRANSPARENT:
                self._content(child, fmt, out)
            elif tag == _HYPERLINK:
                self._content(child, fmt._replace(href=self._hyperlink_href(child)), out)
            elif tag == _FLD_SIMPLE:
                href = hyperlink_field_href(child.get(w("instr"), ""))
                self._content(child, fmt._replace(href=href) if href else fmt, out)
            elif tag == _SDT:
                self._content_control(child, fmt, out)
            elif tag == _ALTERNATE:
                branch = choose_branch(child)
                if branch is not None:
                    self._content(branch, fmt, out)
            elif tag == _SUB_DOC:  # a master document's link to another file: never fetched
                out.anchored.append(Dropped("a linked subdocument"))
            elif tag in _MATHS:
                self._emit(linear(child), fmt, out)  # "x^2", not "x2"
            # Everything else (w:del, w:moveFrom, bookmarks, comment marks, proofing marks) adds nothing.

    def _content_control(self, sdt: etree._Element, fmt: Format, out: Inline) -> None:
        info = control_info(sdt)
        start = len(out.spans)
        content = sdt.find(w("sdtContent"))
        mark = control_mark(sdt)
        if mark is not None:  # a check box: its state, never the glyph it happens to show
            self._emit(mark, fmt, out)
        elif content is not None and not info.placeholder:  # a prompt is never content
            self._control_depth += 1
            try:
                self._content(content, fmt, out)
            finally:
                self._control_depth -= 1
        out.controls.append(_InlineControl(info, start, len(out.spans), self._control_depth))

    def _run_with_properties(self, run: etree._Element, base: Format, out: Inline) -> None:
        # Word writes w:rPr first; looking there saves a search of the run for most runs.
        first = run[0] if len(run) else None
        rpr = first if first is not None and first.tag == _RPR else run.find(_RPR)
        if rpr is None:
            self._run(run, base, out, fonts_known=True)
            return
        props = props_of(rpr)
        fonts = props.get(_R_FONTS)  # else perhaps in a second w:rPr: looked for as before
        self._run(run, self._run_format(props, base), out, fonts, fonts_known=fonts is not None)

    def _run(
        self,
        run: etree._Element,
        fmt: Format,
        out: Inline,
        fonts: etree._Element | None = None,
        fonts_known: bool = False,
    ) -> None:
        """``fonts`` is the run's ``w:rPr/w:rFonts`` if ``fonts_known``, else looked up at its text."""
        for child in run:
            tag = child.tag
            if tag == _T:
                if not fonts_known:
                    fonts, fonts_known = run.find(_FONTS_PATH), True
                self._emit(fonts_symbol_text(child.text or "", fonts), fmt, out)
            elif tag in _TABS:
                self._emit(" ", fmt, out)
            elif tag == _BR:
                if child.get(_TYPE, "textWrapping") not in BREAK_IGNORED:
                    self._emit("\n", fmt, out)
            elif tag == _CR:
                self._emit("\n", fmt, out)
            elif tag == _NO_BREAK_HYPHEN:
                self._emit("-", fmt, out)
            elif tag == _FLD_CHAR:
                self._field_char(child, fmt, out)
            elif tag == _INSTR_TEXT:
                if self._fields and not self._fields[-1].in_result:
                    self._fields[-1].instruction.append(child.text or "")
            elif tag == _ALTERNATE:
                branch = choose_branch(child)
                if branch is not None:
                    self._run(branch, fmt, out)
            elif tag in _DRAWINGS:
                if fmt.hidden:
                    self.skipped_hidden = True
                else:
                    out.anchored.extend(self.drawings.read(child))
            elif tag in NOTE_REFERENCES:
                self._note(child, NOTE_REFERENCES[tag], fmt, out)
            elif tag == _SYM:  # a box glyph in a symbol font is a tick box; other symbols add nothing
                self._emit(symbol_mark(child) or "", fmt, out)
            elif tag == _RUBY:  # East Asian guide text over its base: the base is the text
                base = child.find(w("rubyBase"))
                self._content(base if base is not None else child, fmt, out)
            # w:softHyphen, w:delText, comment references: no text of their own.

    def _note(self, ref: etree._Element, kind: str, fmt: Format, out: Inline) -> None:
        """A note's mark becomes a span of its own carrying the note, never text in the flow."""
        if fmt.hidden or any(not f.in_result for f in self._fields):
            if fmt.hidden:  # its note is hidden with it, not "called by nothing"
                self.skipped_hidden = True
                self.hidden_notes.add((kind, ref.get(w("id"), "")))
            return
        called = self._notes(kind, ref.get(w("id"), "")) if self._notes is not None else None
        if called is None:
            out.anchored.append(Dropped(f"a {kind} mark whose note could not be read"))
            return
        mark, note = called
        if ref.get(w("customMarkFollows")) in ("1", "true", "on"):
            self._custom_mark = (mark, note)  # the author typed the mark ("*"): the next run's text
            return
        out.spans.append(Span(mark, note=note))

    def _emit(self, text: str, fmt: Format, out: Inline) -> None:
        if not text or any(not f.in_result for f in self._fields):
            return  # inside a field instruction: never shown
        if fmt.hidden:
            self.skipped_hidden = self.skipped_hidden or bool(text.strip())
            return  # hidden in Word: a reader of the document never sees it, so neither does the page
        if self._custom_mark is not None:
            out.spans.append(Span(text, note=self._custom_mark[1]))
            self._custom_mark = None
            return
        href = fmt.href or next((f.href for f in reversed(self._fields) if f.href), None)
        out.spans.append(Span(text, bold=fmt.bold, italic=fmt.italic, href=href))

    def _field_char(self, char: etree._Element, fmt: Format, out: Inline) -> None:
        kind = char.get(w("fldCharType"), "")
        if kind == "begin":
            self._fields.append(_Field(mark=field_mark(char)))
        elif kind == "separate" and self._fields:
            current = self._fields[-1]
            current.in_result = True
            current.href = hyperlink_field_href("".join(current.instruction))
        elif kind == "end" and self._fields:
            done = self._fields.pop()
            # A FORMCHECKBOX field has no result text: its state is written where it stands.
            if done.mark is not None and "FORMCHECKBOX" in "".join(done.instruction).upper():
                self._emit(done.mark, fmt, out)

    def _run_format(self, props: Props, base: Format) -> Format:
        """Direct formatting (``props``: the run's properties by tag) beats the run's character
        style, which beats the paragraph's."""
        style_bold, style_italic, style_hidden = self._styles.run_format(wval(props.get(_R_STYLE)))
        bold = _first(on(props.get(_B)), style_bold, base.bold)
        italic = _first(on(props.get(_I)), style_italic, base.italic)
        hidden = _first(hidden_by(props.get), style_hidden, base.hidden)
        if (bold, italic, hidden) == (base.bold, base.italic, base.hidden):
            return base  # as most runs: no new Format to build
        return base._replace(bold=bold, italic=italic, hidden=hidden)

    def _hyperlink_href(self, link: etree._Element) -> str | None:
        rel = self._rels.get(link.get(f"{{{R}}}id", ""))
        if rel is None or not rel.external or not rel.target:
            return None  # anchor-only links point inside the document
        anchor = link.get(w("anchor"))
        return f"{rel.target.split('#')[0]}#{anchor}" if anchor else rel.target


def _first(*values: bool | None) -> bool:
    return next((v for v in values if v is not None), False)
