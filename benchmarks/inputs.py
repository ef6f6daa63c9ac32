"""Build the benchmark's inputs into benchmarks/.inputs/ from the real return samples/chesterfield.docx.

    .venv/bin/python benchmarks/inputs.py            # build when missing or out of date
    .venv/bin/python benchmarks/inputs.py --force    # build again

Each input is the sample with its word/document.xml edited (submissions.py), in one of two forms:

- *lean*: with only the styles it uses and no stylesWithEffects.xml, as a file saved by Word
  (``word/styles.xml`` about 19 KB; lean_styles.py);
- *large styles*: every other part copied byte for byte from the sample, made with python-docx,
  whose default template leaves a 350 KB styles.xml and a 440 KB stylesWithEffects.xml in it.

What is built:

- ``single/submission-3p-lean.docx`` and ``single/submission-3p.docx`` (large styles): the sample on
  A4 with 2 cm side and 1.5 cm top and bottom margins (the sample itself is US Letter with 1.25 in
  side margins and runs a few lines onto a fourth page); LibreOffice prints it, and each inbox
  submission below, on 3 pages.
- ``single/submission-10p-lean.docx`` and ``single/submission-10p.docx``: the same with the answer to
  "Please describe your WRES initiative" (the paragraphs up to the next question) repeated until the
  PDF is 10 pages.
- ``single/submission-3p.pdf``, ``-10p.pdf``: the lean files printed to PDF by LibreOffice
  (``soffice --headless --convert-to pdf``); the build checks that the large-styles twins print on
  as many pages with the same text.
- ``inbox-docx-1000/``: 1,000 different lean submissions: each its own organisation and contact, its
  answer paragraphs shuffled within each list or run of body text, its percentages and counts
  changed, and a numbered sentence of its own in the initiative answer; so no cache can serve one
  file for another.
- ``inbox-docx-200/`` and ``inbox-docx-100/``: the first 200 and 100 of those (hard links).
- ``inbox-docx-200-large-styles/``: the same 200 with the sample's large styles.
- ``inbox-pdf-200/``: the 200 lean ones printed to PDF, in one soffice run.

The build is cached: ``.inputs/stamp`` holds a hash of this file's and lean_styles.py's source and of
the sample, and the build is redone when one changes (or with ``--force``, say after a LibreOffice
upgrade). ``.inputs/manifest.json`` records the page counts, the DOCX sizes and the LibreOffice that
printed the PDFs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

# beside this file: on sys.path when it runs, and run.py and profile.py put it there
import lean_styles
import submissions
from submissions import DOCUMENT, base_document, variant

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "samples" / "chesterfield.docx"
TEXT_SAMPLE = ROOT / "samples" / "chesterfield.txt"
OUT = HERE / ".inputs"
SINGLE = OUT / "single"
INBOX_1000 = OUT / "inbox-docx-1000"
INBOX_200 = OUT / "inbox-docx-200"
INBOX_100 = OUT / "inbox-docx-100"
INBOX_200_LARGE = OUT / "inbox-docx-200-large-styles"
INBOX_PDF = OUT / "inbox-pdf-200"
STAMP = OUT / "stamp"
MANIFEST = OUT / "manifest.json"

ZIP_DATE = (2020, 1, 14, 9, 30, 0)  # the sample's own member dates


# --- the Word file -------------------------------------------------------------------------------


def read_sample() -> tuple[dict[str, bytes], list[str]]:
    with zipfile.ZipFile(SAMPLE) as z:
        names = z.namelist()
        return {n: z.read(n) for n in names}, names


def write_docx(
    path: Path, parts: dict[str, bytes], names: list[str], document: bytes, lean: bool = False
) -> None:
    """The sample's parts in the sample's order, with ``document`` as word/document.xml; ``lean``:
    with only the styles it uses and no stylesWithEffects.xml (lean_styles.py)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = parts | {DOCUMENT: document}
    if lean:
        parts, names = lean_styles.lean(parts, names)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])


# --- LibreOffice -----------------------------------------------------------------------------------


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit(
            "benchmarks/inputs.py: LibreOffice's soffice is needed to print the PDFs: "
            "apt-get install libreoffice-writer-nogui"
        )
    return exe


def soffice_version() -> str:
    try:
        return subprocess.run(
            [soffice(), "--version"], capture_output=True, text=True, timeout=60
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def to_pdf(files: list[Path], outdir: Path) -> None:
    """Print ``files`` to PDF into ``outdir`` in one soffice run, with a profile of its own (so a
    LibreOffice already running elsewhere on the machine is neither used nor disturbed)."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wres-bench-lo-") as profile:
        cmd = [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    missing = [f for f in files if not (outdir / f.with_suffix(".pdf").name).exists()]
    if done.returncode or missing:
        raise SystemExit(
            f"benchmarks/inputs.py: soffice failed ({done.returncode}) for {len(missing)} file(s):\n"
            f"{done.stderr[-2000:]}"
        )


def pages(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# --- the build -------------------------------------------------------------------------------------


def fingerprint() -> str:
    h = hashlib.sha256()
    h.update(Path(__file__).read_bytes())
    for module in (lean_styles, submissions):
        h.update(Path(module.__file__).read_bytes())
    h.update(SAMPLE.read_bytes())
    return h.hexdigest()


def up_to_date() -> bool:
    return STAMP.exists() and STAMP.read_text().strip() == fingerprint()


def say(msg: str) -> None:
    print(f"inputs: {msg}", file=sys.stderr, flush=True)


def same_text(a: Path, b: Path) -> bool:
    """Two PDFs with the same text on the same pages (soffice's output differs in its /ID)."""
    import pypdfium2

    def text(p: Path) -> list[str]:
        doc = pypdfium2.PdfDocument(str(p))
        try:
            return [page.get_textpage().get_text_range() for page in doc]
        finally:
            doc.close()

    return text(a) == text(b)


def print_both(lean: Path, fat: Path, want: int) -> dict[str, object]:
    """Print a lean DOCX and its large-styles twin; keep the lean one's PDF beside it, as
    ``submission-Np.pdf``, after checking both print on ``want`` pages with the same text."""
    with tempfile.TemporaryDirectory(prefix="wres-bench-pdf-") as tmp:
        to_pdf([lean, fat], Path(tmp))
        a, b = Path(tmp) / lean.with_suffix(".pdf").name, Path(tmp) / fat.with_suffix(".pdf").name
        counts = (pages(a), pages(b))
        same = same_text(a, b)
        if counts != (want, want) or not same:
            raise SystemExit(
                f"benchmarks/inputs.py: {lean.name} and {fat.name} print on {counts} pages, "
                f"{'the same' if same else 'different'} text; want {want} pages each, the same text"
            )
        shutil.copy(a, fat.with_suffix(".pdf"))
    return {fat.with_suffix(".pdf").name: want}


def build_singles(parts: dict[str, bytes], names: list[str]) -> dict[str, object]:
    """The 3- and 10-page submissions, lean (``-lean.docx``) and with the sample's large styles
    (``.docx``), and their PDFs (printed from the lean ones; the large-styles ones print the same)."""
    SINGLE.mkdir(parents=True, exist_ok=True)
    document = base_document(parts).bytes()
    write_docx(SINGLE / "submission-3p.docx", parts, names, document)
    write_docx(SINGLE / "submission-3p-lean.docx", parts, names, document, lean=True)

    # The 10-page file: try several lengths of repeated answer in one soffice run, keep the middle
    # of the range that prints on exactly 10 pages (so a font change moves it least).
    with tempfile.TemporaryDirectory(prefix="wres-bench-10p-") as tmp:
        tries = {}
        for extra in range(60, 301, 6):
            doc = base_document(parts)
            doc.repeat_initiative(extra)
            path = Path(tmp) / f"try-{extra:03d}.docx"
            write_docx(path, parts, names, doc.bytes(), lean=True)
            tries[extra] = path
        to_pdf(list(tries.values()), Path(tmp) / "pdf")
        counts = {extra: pages(Path(tmp) / "pdf" / p.with_suffix(".pdf").name) for extra, p in tries.items()}
    ten = [extra for extra, n in counts.items() if n == 10]
    if not ten:
        raise SystemExit(f"benchmarks/inputs.py: no repeat count gave 10 pages: {counts}")
    extra = ten[len(ten) // 2]
    doc = base_document(parts)
    doc.repeat_initiative(extra)
    write_docx(SINGLE / "submission-10p.docx", parts, names, doc.bytes())
    write_docx(SINGLE / "submission-10p-lean.docx", parts, names, doc.bytes(), lean=True)
    result = print_both(SINGLE / "submission-3p-lean.docx", SINGLE / "submission-3p.docx", 3)
    result |= print_both(SINGLE / "submission-10p-lean.docx", SINGLE / "submission-10p.docx", 10)
    result["repeated_paragraphs_in_10p"] = extra
    result["bytes"] = {f.name: f.stat().st_size for f in sorted(SINGLE.glob("*.docx"))}
    shutil.copy(TEXT_SAMPLE, SINGLE / "submission.txt")
    return result


def build_inboxes(parts: dict[str, bytes], names: list[str]) -> dict[str, object]:
    for folder in (INBOX_1000, INBOX_200, INBOX_100, INBOX_200_LARGE, INBOX_PDF):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    files = []
    for i in range(1000):
        name, document = variant(parts, i)
        write_docx(INBOX_1000 / name, parts, names, document, lean=True)
        if i < 200:
            write_docx(INBOX_200_LARGE / name, parts, names, document)
        files.append(INBOX_1000 / name)
    digests = {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    assert len(digests) == len(files), "two inbox files came out the same"
    for f in files[:200]:
        os.link(f, INBOX_200 / f.name)
    for f in files[:100]:
        os.link(f, INBOX_100 / f.name)
    say("printing the 200-file inbox to PDF (one soffice run, about a minute)")
    to_pdf(sorted(INBOX_200.iterdir()), INBOX_PDF)
    counts = Counter(pages(p) for p in INBOX_PDF.iterdir())
    return {"inbox-pdf-200 pages": {str(k): v for k, v in sorted(counts.items())}}


def build(force: bool = False) -> None:
    if not force and up_to_date():
        return
    started = time.perf_counter()
    say(f"building into {OUT.relative_to(ROOT)}/ from {SAMPLE.relative_to(ROOT)}")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    parts, names = read_sample()
    manifest: dict[str, object] = {"soffice": soffice_version()}
    manifest |= build_singles(parts, names)
    manifest |= build_inboxes(parts, names)
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    STAMP.write_text(fingerprint() + "\n")
    say(f"done in {time.perf_counter() - started:.0f} s: {json.dumps(manifest)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="build again even when up to date")
    args = ap.parse_args()
    build(force=args.force)
    if not args.force:
        say(f"up to date: {MANIFEST.read_text().strip()}")


if __name__ == "__main__":
    main()
