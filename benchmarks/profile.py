"""Profile one conversion in-process: where the time goes once everything is imported.

    .venv/bin/python benchmarks/profile.py                  # docx and pdf, 20 rounds each
    .venv/bin/python benchmarks/profile.py text --rounds 50

The CLI converts each file in a forked worker (src/wres_convert/run/isolate.py; ``-j 1`` forks too), so
a profiler wrapped round the CLI sees only the parent: imports, the fork and the wait. This calls
``wres_convert.run.convert.convert_file`` and ``render`` (what a worker runs) in a loop under pyinstrument
and writes benchmarks/profile-<kind>.txt. rapidfuzz is loaded first, as a batch's workers have it,
and one untimed round goes first, so imports and caches are not counted; for the imports, see
``python -X importtime -m wres_convert FILE -o /tmp/x.html``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import inputs as inp  # noqa: E402

FILES = {
    "docx": inp.SINGLE / "submission-3p-lean.docx",  # only the styles it uses, as Word saves it
    "docx-large": inp.SINGLE / "submission-3p.docx",  # the sample's 350 KB + 440 KB styles
    "docx10": inp.SINGLE / "submission-10p-lean.docx",
    "pdf": inp.SINGLE / "submission-3p.pdf",
    "pdf10": inp.SINGLE / "submission-10p.pdf",
    "text": inp.SINGLE / "submission.txt",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kinds", nargs="*", default=["docx", "pdf"], help=f"any of {', '.join(FILES)}")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("benchmarks/profile.py needs pyinstrument: pip install -e '.[bench]'") from None
    inp.build()

    import rapidfuzz.fuzz  # noqa: F401 - loaded before the fork in a batch's workers, as here

    from wres_convert.run.convert import convert_file, render
    from wres_convert.writers.site import load_site

    site = load_site()
    for kind in args.kinds:
        path = FILES[kind]
        render(convert_file(path), "html", site)  # imports, template compilation
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for _ in range(args.rounds):
            render(convert_file(path), "html", site)
        profiler.stop()
        each = (time.perf_counter() - started) / args.rounds
        out = HERE / f"profile-{kind}.txt"
        head = f"{path.name}: {each * 1000:.1f} ms a conversion (convert_file + render), {args.rounds} rounds\n\n"
        out.write_text(head + profiler.output_text(unicode=False, color=False))
        print(f"{kind}: {each * 1000:.1f} ms a conversion; wrote {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
