"""Duplicates in an output folder: the same return sent twice (a PDF and a DOCX of it, or a
resubmission). Two case studies are duplicates when they name the same organisation and
indicators and their text is near-identical; only the newer is listed in the index, unless a
corrections file says ``publish = true`` (list it anyway) or ``publish = false`` (never list it).

Each manifest entry keeps a small signature of its text: the smallest ``K`` hashes of its
five-word runs (a bottom-k MinHash), so two entries are compared without their text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wres_convert.text.normalise import normalise

if TYPE_CHECKING:
    from wres_convert.casestudy.build import CaseStudy

K = 64  # hashes kept per case study
RUN = 5  # words in a run
NEAR = 0.8  # estimated share of runs in common at which two texts are the same return


def signature(cs: CaseStudy) -> str:
    """The case study's text signature, for the manifest: its ``K`` smallest 64-bit hashes, in
    base64. The same hashes manifests have always kept (as a list of numbers, which older ones
    hold and which still compare), in a third of the room: a batch keeps every entry's in memory."""
    import base64  # here, as hashlib: a run writing no folder signs nothing
    import hashlib

    from wres_convert.model import block_text

    words = normalise(" ".join(block_text(b) for s in cs.sections for b in s.blocks)).split()
    # Each run of RUN words as " ".join makes it, made by zip and map without a Python step per
    # run; a text shorter than a run is one run. A copy of one blake2b set up for 8-byte digests
    # hashes alike, and the digests, big-endian and all 8 bytes, sort as the numbers they are.
    if len(words) >= RUN:  # zip stops at the shortest of the shifted lists: not strict
        runs = set(map(" ".join, zip(*(words[i:] for i in range(RUN)), strict=False)))
    else:
        runs = {" ".join(words)}
    blank = hashlib.blake2b(digest_size=8)
    digests: set[bytes] = set()
    for run in runs:
        hasher = blank.copy()
        hasher.update(run.encode())
        digests.add(hasher.digest())
    return base64.b64encode(b"".join(sorted(digests)[:K])).decode("ascii")


def _hashes(sig: object) -> list[int]:
    """A signature's hashes, from its base64, or from the list of numbers older manifests kept;
    nothing from anything else (a hand-edited manifest is not a reason to stop)."""
    if isinstance(sig, str):
        import base64

        try:
            raw = base64.b64decode(sig, validate=True)
        except ValueError:
            return []
        return [int.from_bytes(raw[i : i + 8], "big") for i in range(0, len(raw) - 7, 8)]
    return [h for h in sig if isinstance(h, int)] if isinstance(sig, list) else []


def similarity(a: object, b: object) -> float:
    """The share of five-word runs two texts have in common, estimated from their signatures."""
    x, y = _hashes(a), _hashes(b)
    if not x or not y:
        return 0.0
    union = sorted(set(x) | set(y))[:K]
    both = set(x) & set(y)
    return sum(h in both for h in union) / len(union)


def _key(entry: dict[str, object]) -> tuple[str, tuple[str, ...]]:
    indicators = entry.get("indicators") or []
    return normalise(str(entry.get("organisation") or "")), tuple(map(str, indicators))  # type: ignore[call-overload]


def mark_duplicates(entries: list[dict[str, object]]) -> None:
    """Set ``duplicate_of`` on each entry an entry for the same return, newer, outranks; clear it
    on the others. Newer: the source changed later (then its name breaks a tie)."""
    for entry in entries:
        entry.pop("duplicate_of", None)
    # A copy kept off the page (publish = false) never outranks another; then the newer wins.
    order = sorted(
        entries,
        key=lambda e: (e.get("publish") is not False, float(e.get("mtime") or 0), str(e.get("source"))),  # type: ignore[arg-type]
        reverse=True,
    )
    # Only returns with the same organisation and indicators can be copies: kept by that key, so
    # a folder of thousands compares each return with a few, not with all.
    kept: dict[tuple[str, tuple[str, ...]], list[dict[str, object]]] = {}
    for entry in order:
        alike = kept.setdefault(_key(entry), [])
        sig = entry.get("signature")
        same = next((k for k in alike if similarity(k.get("signature"), sig) >= NEAR), None)
        if same is None:
            alike.append(entry)
        else:
            entry["duplicate_of"] = same["source"]


def listed(entry: dict[str, object]) -> bool:
    """Whether the index lists the entry: a duplicate only when its corrections say so."""
    if entry.get("publish") is not None:
        return bool(entry["publish"])
    return "duplicate_of" not in entry


def all_entries(manifest: dict[str, dict[str, object]]) -> list[dict[str, object]]:
    """Every case study's entry: a message's other returns are under its entry's ``parts``."""
    return [e for k in sorted(manifest) for e in (manifest[k], *manifest[k].get("parts", []))]  # type: ignore[misc]


def flag_duplicates(entries: list[dict[str, object]], say: Callable[[str], None] | None) -> None:
    """Mark each return the folder holds twice, and say which one the index leaves out."""
    mark_duplicates(entries)
    for e in entries:
        if "duplicate_of" in e and say is not None:
            fate = "listed anyway (publish = true)" if listed(e) else "not listed in the index"
            say(f"{e['source']}: a duplicate of {e['duplicate_of']}, which is newer: {fate}")


def mtime(path: Path) -> float | None:
    """When the source last changed: of two duplicates, the newer is listed."""
    try:
        return path.stat().st_mtime
    except OSError:
        return None
