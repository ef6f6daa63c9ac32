"""The public acceptance corpus, scored by its own scorer through the real CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from helpers import REPO, corpus_dir

MIN_SCORE = 0.95


def test_public_corpus_scores_at_least_095_with_no_leaks() -> None:
    corpus = corpus_dir()
    env = {**os.environ, "WRES_CONVERT": f"{sys.executable} -m wres_convert"}
    r = subprocess.run(
        [sys.executable, str(corpus / "score.py"), "--jobs", "2"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    last = r.stdout.strip().splitlines()[-1]
    print(r.stdout)
    m = re.match(r"score (\d\.\d+) .*leaks (\d+)", last)
    assert m, r.stdout + r.stderr
    assert int(m.group(2)) == 0, last
    assert float(m.group(1)) >= MIN_SCORE, last
