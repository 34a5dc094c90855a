"""Highlighted snippets: the original text, HTML-escaped first, query words wrapped in <mark>.

Escaping comes before marking, so the result is safe to insert as HTML whatever the patent
text contains (a title with "<" stays text); templates may render it with `|safe`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def highlight(text: str | None, words: Sequence[str], *, width: int | None = None) -> str | None:
    """`text` escaped with `words` marked; with `width`, a window of about that many characters
    around the first match (… where cut). None when a windowed text has no match."""
    if not text:
        return None
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    if width is not None:
        if match is None:
            return None
        text = _window(text, match.start(), match.end(), width)
    if pattern is None:
        return html.escape(text)
    return _mark(text, pattern)


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    words = [w for w in sorted(set(words), key=len, reverse=True) if w.strip()]
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def _window(text: str, start: int, end: int, width: int) -> str:
    if len(text) <= width:
        return text
    left = max(0, start - width // 3)
    right = min(len(text), max(end, left + width))
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _mark(text: str, pattern: re.Pattern[str]) -> str:
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [html.escape(text[last : m.start()]), MARK_OPEN, html.escape(m.group()), MARK_CLOSE]
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
