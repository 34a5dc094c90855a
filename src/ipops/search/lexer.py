"""Split a query into tokens, keeping each token's character offset for error messages.

Full-width punctuation typed with a Chinese input method （）＝：“” counts as its ASCII
twin; the mapping is one character to one, so offsets stay those of the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipops.domain.errors import QuerySyntaxError

_FOLD = str.maketrans({"（": "(", "）": ")", "＝": "=", "：": ":", "【": "[", "】": "]", "“": '"', "”": '"',
                       "＂": '"', "　": " ", "＞": ">", "＜": "<", "［": "[", "］": "]", "～": "~"})  # fmt: skip
_SINGLE = {"(": "lparen", ")": "rparen", "[": "lbracket", "]": "rbracket"}
_OPERATORS = (">=", "<=", "=", ":", ">", "<")
_BREAK = set(' \t\r\n()[]"=:<>')
# Operators only when they stand alone, so 与/或/非 inside Chinese words stay words.
BOOLEAN_WORDS = {
    "AND": "and",
    "与": "and",
    "&&": "and",
    "OR": "or",
    "或": "or",
    "||": "or",
    "NOT": "not",
    "非": "not",
}


@dataclass(frozen=True)
class Token:
    kind: str  # word | phrase | op | lparen | rparen | lbracket | rbracket | and | or | not | end
    text: str
    pos: int


def tokenize(query: str) -> list[Token]:
    """Tokens of `query`, ending with an `end` token at its length."""
    text = query.translate(_FOLD)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _SINGLE:
            tokens.append(Token(_SINGLE[ch], ch, i))
            i += 1
        elif ch == '"':
            i = _phrase(text, i, tokens)
        elif op := next((o for o in _OPERATORS if text.startswith(o, i)), None):
            tokens.append(Token("op", op, i))
            i += len(op)
        else:
            i = _word(text, i, tokens)
    tokens.append(Token("end", "", len(text)))
    return tokens


def _phrase(text: str, start: int, tokens: list[Token]) -> int:
    end = text.find('"', start + 1)
    if end < 0:
        raise QuerySyntaxError("引号未闭合：短语需要用一对双引号括起", position=start)
    inner = text[start + 1 : end].strip()
    if not inner:
        raise QuerySyntaxError("引号中没有内容", position=start)
    tokens.append(Token("phrase", inner, start))
    return end + 1


def _word(text: str, start: int, tokens: list[Token]) -> int:
    i = start
    while i < len(text) and text[i] not in _BREAK:
        i += 1
    word = text[start:i]
    tokens.append(Token(BOOLEAN_WORDS.get(word, "word"), word, start))
    return i
