"""Text bound for the terminal: whatever a submission or a file name holds, printed as text.

Organisation names, question lines and file names come from the submission; an escape sequence in
one (a title change, a screen clear, an OSC 8 link) must never reach the user's terminal.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; tabs become spaces, so every message stays one line.
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character removed (a tab becomes a space)."""
    return _CONTROLS.sub("", text.replace("\t", " "))
