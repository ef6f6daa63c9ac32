"""The shape of a title: the one test for "short, one line, and not a sentence".

A sub-heading often has nothing but its shape to mark it: a plain-text line standing alone, a bold
paragraph in Word, an "Indicator 3: board membership" label. Every such test asks this function;
callers that have stronger evidence than the shape alone pass looser limits, and say why.
"""

from __future__ import annotations

TITLE_MAX_WORDS = 12
TITLE_MAX_CHARS = 100
# A title does not end like a sentence, a clause or an unfinished line ("Our aims -").
_SENTENCE_ENDS = (".", ",", ";", "!", "-", "–", "—")


def is_title_like(text: str, *, max_words: int = TITLE_MAX_WORDS, max_chars: int = TITLE_MAX_CHARS) -> bool:
    """``text`` is short (at most ``max_words`` words and ``max_chars`` characters), one line, and
    does not end like a sentence. Whether it stands alone is for the caller to check."""
    text = text.strip()
    return (
        0 < len(text) <= max_chars
        and len(text.split()) <= max_words
        and "\n" not in text
        and not text.endswith(_SENTENCE_ENDS)
    )
