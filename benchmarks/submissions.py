"""What the benchmark's submissions say: the sample's word/document.xml, edited.

The sample set on A4 (``base_document``), its initiative answer repeated for the 10-page file
(``Document.repeat_initiative``), and the 1,000 different inbox submissions (``variant``): each its
own organisation and contact, its answer paragraphs shuffled within each list or run of body text,
its percentages and counts changed, and a numbered sentence of its own. inputs.py writes them out.
"""

from __future__ import annotations

import copy
import itertools
import random
import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
DOCUMENT = "word/document.xml"

# A4 with 2 cm side and 1.5 cm top and bottom margins, in twentieths of a point: room for the inbox
# submissions' extra sentence, so they too print on 3 pages.
A4 = {"w": "11906", "h": "16838"}
MARGINS = {"left": "1134", "right": "1134", "top": "850", "bottom": "850"}

INITIATIVE_Q = "Please describe your WRES initiative"
NEXT_Q = "What challenges or barriers"
ANSWERS_FROM = "What are your organisation's WRES objectives?"  # answers start after this question
ANSWERS_TO = "If you have a local template"
ORG_LABEL = "Organisation name:"
CONTACT_LABELS = ("Your name and job title:", "Contact details:")

PLACES = [
    "Ashford", "Barnsley", "Bedford", "Blackpool", "Bolton", "Bradford", "Brighton", "Bristol",
    "Burton", "Calderdale", "Carlisle", "Chester", "Colchester", "Coventry", "Croydon", "Darlington",
    "Derby", "Doncaster", "Dorset", "Durham", "Exeter", "Frimley", "Gateshead", "Gloucester",
    "Harrogate", "Hereford", "Hull", "Ipswich", "Kettering", "Kingston", "Lancaster", "Leeds",
    "Leicester", "Lincoln", "Luton", "Macclesfield", "Maidstone", "Medway", "Milton Keynes",
    "Northampton", "Norwich", "Nottingham", "Oldham", "Oxford", "Plymouth", "Portsmouth", "Preston",
    "Reading", "Rotherham", "Salford", "Salisbury", "Sheffield", "Shrewsbury", "Southampton",
    "Stockport", "Sunderland", "Swindon", "Taunton", "Torbay", "Walsall", "Warrington", "Watford",
    "Wigan", "Winchester", "Wirral", "Worcester", "Wrightington", "Yeovil", "York",
]  # fmt: skip
KINDS = [
    "NHS Foundation Trust", "Teaching Hospitals NHS Foundation Trust", "NHS Trust",
    "Community Healthcare NHS Trust", "Partnership NHS Foundation Trust",
]  # fmt: skip
PEOPLE = [
    ("Amara", "Okafor"), ("Priya", "Shah"), ("Tom", "Whitfield"), ("Grace", "Mensah"),
    ("Imran", "Hussain"), ("Sarah", "Lloyd"), ("Daniel", "Achebe"), ("Hannah", "Kowalski"),
    ("Rajesh", "Patel"), ("Chloe", "Bennett"), ("Yusuf", "Adeyemi"), ("Emma", "Clarke"),
]  # fmt: skip
ROLES = [
    "Head of Equality, Diversity and Inclusion", "Deputy Director of Workforce & OD",
    "EDI Lead", "Associate Director of People", "Head of Organisational Development",
]  # fmt: skip
TEAMS = ["staff network", "EDI steering group", "workforce team", "leadership assembly", "OD team"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October"]


def text_of(p: etree._Element) -> str:
    return "".join(p.itertext(f"{{{W}}}t"))


def is_bold(p: etree._Element) -> bool:
    """A question or sub-heading: every run with text is bold."""
    runs = [r for r in p.iter(f"{{{W}}}r") if text_of(r).strip()]
    return bool(runs) and all(r.find("w:rPr/w:b", NS) is not None for r in runs)


def style_of(p: etree._Element) -> str:
    s = p.find("w:pPr/w:pStyle", NS)
    return s.get(f"{{{W}}}val") if s is not None else ""


def index_of(paras: list[etree._Element], prefix: str) -> int:
    for i, p in enumerate(paras):
        if text_of(p).startswith(prefix):
            return i
    raise SystemExit(f"benchmarks/submissions.py: the sample has no paragraph starting {prefix!r}")


class Document:
    """word/document.xml, parsed; its body paragraphs in order."""

    def __init__(self, xml: bytes):
        self.tree = etree.fromstring(xml)
        self.body = self.tree.find("w:body", NS)

    @property
    def paras(self) -> list[etree._Element]:
        return [e for e in self.body if e.tag == f"{{{W}}}p"]

    def bytes(self) -> bytes:
        return etree.tostring(self.tree, xml_declaration=True, encoding="UTF-8", standalone=True)

    def a4(self) -> None:
        sect = self.body.find("w:sectPr", NS)
        size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
        for k, v in A4.items():
            size.set(f"{{{W}}}{k}", v)
        for side, v in MARGINS.items():
            margins.set(f"{{{W}}}{side}", v)

    def initiative_answer(self) -> list[etree._Element]:
        paras = self.paras
        return paras[index_of(paras, INITIATIVE_Q) + 1 : index_of(paras, NEXT_Q)]

    def repeat_initiative(self, extra: int) -> None:
        """Append ``extra`` more paragraphs of the initiative answer, cycling through it."""
        answer = self.initiative_answer()
        anchor = answer[-1]
        for p in itertools.islice(itertools.cycle(answer), extra):
            clone = copy.deepcopy(p)
            anchor.addnext(clone)
            anchor = clone

    def set_value(self, label: str, value: str) -> None:
        """The text after a bold "Label:" run in the details block."""
        p = self.paras[index_of(self.paras, label)]
        texts = p.findall(".//w:t", NS)
        texts[-1].text = value
        for t in texts[1:-1]:
            t.text = ""


def base_document(parts: dict[str, bytes]) -> Document:
    doc = Document(parts[DOCUMENT])
    doc.a4()
    return doc


# --- 1,000 different submissions -----------------------------------------------------------------


def organisation(i: int) -> str:
    pairs = [(a, b) for a in PLACES for b in PLACES if a < b]
    random.Random(1).shuffle(pairs)
    a, b = pairs[i]
    return f"{a} and {b} {KINDS[i % len(KINDS)]}"


def vary_numbers(text: str, rng: random.Random) -> str:
    def pct(m: re.Match[str]) -> str:
        whole, frac = m.group(1), m.group(2)
        value = max(0.1, float(whole + (frac or "")) * rng.uniform(0.7, 1.3))
        return f"{value:.{len(frac) - 1}f}%" if frac else f"{round(value)}%"

    text = re.sub(r"(\d+)(\.\d+)?%", pct, text)
    return re.sub(
        r"\b(over|around|about|of) (\d{2,3})\b",
        lambda m: f"{m.group(1)} {max(10, round(int(m.group(2)) * rng.uniform(0.6, 1.6)))}",
        text,
    )


def variant(parts: dict[str, bytes], i: int) -> tuple[str, bytes]:
    """Submission ``i``: its file name and word/document.xml."""
    rng = random.Random(1000 + i)
    doc = base_document(parts)
    org = organisation(i)
    first, last = PEOPLE[rng.randrange(len(PEOPLE))]
    doc.set_value(ORG_LABEL, org)
    doc.set_value(CONTACT_LABELS[0], f"{first} {last}, {ROLES[rng.randrange(len(ROLES))]}")
    doc.set_value(
        CONTACT_LABELS[1],
        f"{first.lower()}.{last.lower()}{i}@nhs.net Tel: 01{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}",
    )

    paras = doc.paras
    start, stop = index_of(paras, ANSWERS_FROM) + 1, index_of(paras, ANSWERS_TO)
    # Shuffle each run of consecutive answer paragraphs of one style (a list, or body text).
    run: list[etree._Element] = []
    for p in [*paras[start:stop], None]:
        if p is not None and not is_bold(p) and (not run or style_of(p) == style_of(run[0])):
            run.append(p)
            continue
        if len(run) > 1:
            order = run[:]
            rng.shuffle(order)
            anchor = run[0].getprevious()
            for q in order:
                anchor.addnext(q)
                anchor = q
        run = [p] if p is not None and not is_bold(p) else []
    for p in doc.paras[start:stop]:
        for t in p.iter(f"{{{W}}}t"):
            if t.text:
                t.text = vary_numbers(t.text, rng)

    # A sentence no other submission has, as the initiative answer's second paragraph.
    answer = doc.initiative_answer()
    mine = copy.deepcopy(answer[0])
    texts = mine.findall(".//w:t", NS)
    texts[0].text = (
        f"Submission {i + 1:04d}: in {MONTHS[rng.randrange(len(MONTHS))]} our "
        f"{TEAMS[rng.randrange(len(TEAMS))]} reviewed {rng.randrange(12, 480)} cases, and "
        f"{rng.randrange(5, 90)} colleagues joined the race equality network."
    )
    for t in texts[1:]:
        t.text = ""
    answer[0].addnext(mine)

    slug = re.sub(r"[^a-z0-9]+", "-", org.lower()).strip("-")
    return f"{i + 1:04d}-{slug}.docx", doc.bytes()
