"""Fuzzing every entry point: random and mutated bytes into each reader and the mapper, random
documents through the mapper and writers, mutated real files through the CLI. The only exception
that may ever escape is the tool's own ConversionError; the CLI never prints a traceback; the
HTML never carries a script, whatever the input.

CI runs a fixed-seed budget (profile "ci"); see tests/conftest.py for a long fuzzing session.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import run_cli, sample_returns
from wres_convert.casestudy.build import build_case_study, source_for
from wres_convert.errors import ConversionError
from wres_convert.model import Document, Heading, ListItem, Paragraph, Span
from wres_convert.run.convert import convert_bytes, render

SAMPLE_BYTES = {p.suffix: p.read_bytes() for p in sample_returns() if p.suffix in (".docx", ".pdf", ".txt")}
QUESTIONS = [
    "Organisation name: Example NHS Trust",
    "Which WRES indicators has your organisation improved on?",
    "Indicator 5: harassment",
    "Please describe your WRES initiative, its aims and any outcomes so far.",
    "What challenges or barriers have you had to overcome",
    "Top tips:",
]
UNSAFE = re.compile(
    r"<\s*(script|iframe|object|embed)|\son\w+\s*=|(href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
    re.I,
)


def converts_or_refuses(data: bytes, fmt: str | None = None) -> None:
    try:
        cs = convert_bytes(data, "fuzz.bin", fmt)
    except ConversionError:
        return
    renders_safely(cs)


def renders_safely(cs: object) -> None:
    """Every output format renders, and the HTML carries nothing that could run."""
    for out in ("html", "md", "json"):
        page = render(cs, out)  # type: ignore[arg-type]
        if out == "html":
            assert not UNSAFE.search(page)


def mutate(data: bytes, seed: int) -> bytes:
    rnd = random.Random(seed)
    out = bytearray(data)
    for _ in range(rnd.randint(1, 12)):
        kind = rnd.random()
        at = rnd.randrange(len(out)) if out else 0
        if kind < 0.4 and out:
            out[at] = rnd.randrange(256)
        elif kind < 0.6:
            out[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif kind < 0.8:
            del out[at : at + rnd.randint(1, 64)]
        else:
            out = out[: rnd.randrange(len(out) + 1)]
    return bytes(out)


@given(st.binary(max_size=4096), st.sampled_from([None, "docx", "pdf", "text"]))
def test_random_bytes_into_every_reader(data: bytes, fmt: str | None) -> None:
    converts_or_refuses(data, fmt)


@given(st.sampled_from(sorted(SAMPLE_BYTES)), st.integers(0, 2**32))
def test_mutated_real_files(suffix: str, seed: int) -> None:
    converts_or_refuses(mutate(SAMPLE_BYTES[suffix], seed))


@given(st.lists(st.one_of(st.sampled_from(QUESTIONS), st.text(max_size=200)), max_size=40))
def test_random_text_with_template_questions(lines: list[str]) -> None:
    converts_or_refuses("\n\n".join(lines).encode("utf-8", "surrogatepass"), "text")


inline = st.builds(
    Span, st.text(max_size=60), st.booleans(), st.booleans(), st.one_of(st.none(), st.text(max_size=40))
)
block = st.one_of(
    st.builds(Paragraph, st.lists(inline, max_size=4).map(tuple)),
    st.builds(Heading, st.lists(inline, max_size=3).map(tuple), st.integers(0, 9)),
    st.builds(
        ListItem, st.lists(inline, max_size=3).map(tuple), st.integers(0, 12), st.booleans(), st.booleans()
    ),
    st.sampled_from(QUESTIONS).map(lambda q: Paragraph((Span(q, bold=True),))),
)


@given(st.lists(block, max_size=30))
def test_random_documents_through_the_mapper_and_writers(blocks: list[object]) -> None:
    doc = Document(tuple(blocks), "text")  # type: ignore[arg-type]
    try:
        cs = build_case_study(doc, source_for(b"", "fuzz.txt", "text"))
    except ConversionError:
        return
    renders_safely(cs)


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".txt"])
def test_cli_never_prints_a_traceback_on_mutated_files(tmp_path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    files = []
    for seed in range(6):
        f = tmp_path / f"mutated-{seed}{suffix}"
        f.write_bytes(mutate(SAMPLE_BYTES[suffix], seed))
        files.append(str(f))
    r = run_cli(*files, "-f", "json", "-o", "-", "-q")  # -q: only the error lines, no summary
    err = r.stderr.decode()
    assert "Traceback" not in err and "Traceback" not in r.stdout.decode()
    failed = [line for line in err.splitlines() if ": warning: " not in line]
    assert all(any(f.rsplit("/", 1)[1] in line for f in files) for line in failed)
