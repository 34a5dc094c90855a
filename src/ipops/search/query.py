"""The query language: a plain keyword box and CNIPA-style fielded expressions.

    锂电池 负极                                   words, all required (implicit AND)
    名称=(锂电池 AND 负极) AND IPC=H01M10/0525 AND 申请日=[2015-01-01 TO 2017-12-31] NOT 申请人=华为
    "用户提示信息" OR 摘要=石墨烯                 quoted phrases; AND / OR / NOT, also 与 / 或 / 非
    申请日>=2016   公开号=CN106557325   IPC=H01M 10/05

Precedence: NOT binds tightest, then AND (also implicit), then OR; parentheses group, and a
field applies to a whole group (`申请人=(华为 OR 中兴)`). `parse()` is pure and raises
`QuerySyntaxError` with the character position and a Chinese explanation.
"""

from __future__ import annotations

import datetime as dt
import re

from ipops.domain.errors import QuerySyntaxError
from ipops.search.fields import Field, field_names_zh, find_field
from ipops.search.lexer import Token, tokenize
from ipops.search.nodes import And, DateRange, Node, Not, Or
from ipops.search.values import date_bounds, make_leaf

_ANY = Field("关键词", "any", "text")
_GROUP_TAIL = re.compile(r"\d{1,4}(?:/\d+)?")  # "10/05" after "H01M": one symbol written with a space
_RANGE_WORDS = {"TO", "至", "~", "-"}
_STARTS_OPERAND = {"word", "phrase", "lparen", "not"}


def parse(query: str) -> Node:
    """The tree of `query`; an empty query is an error (callers decide what "everything" means)."""
    return _Parser(tokenize(query)).parse()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise QuerySyntaxError("检索式为空，请输入检索词", position=0)
        node = self.or_expr(None)
        if self.tok.kind == "rparen":
            raise QuerySyntaxError("多余的右括号“)”", position=self.tok.pos)
        if self.tok.kind != "end":
            raise QuerySyntaxError(f"无法理解“{self.tok.text}”", position=self.tok.pos)
        return node

    def or_expr(self, field: Field | None) -> Node:
        parts = [self.and_expr(field)]
        while self.tok.kind == "or":
            self.next()
            parts.append(self.and_expr(field))
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self, field: Field | None) -> Node:
        parts = [self.unary(field)]
        while True:
            if self.tok.kind == "and":
                self.next()
                parts.append(self.unary(field))
            elif self.tok.kind == "not":  # "a NOT b" is "a AND NOT b", as in CNIPA search
                self.next()
                parts.append(Not(self.unary(field)))
            elif self.tok.kind in _STARTS_OPERAND:
                parts.append(self.unary(field))
            else:
                break
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self, field: Field | None) -> Node:
        if self.tok.kind == "not":
            self.next()
            return Not(self.unary(field))
        return self.primary(field)

    def primary(self, field: Field | None) -> Node:
        tok = self.next()
        if tok.kind == "lparen":
            return self.group(tok, field)
        if tok.kind == "phrase":
            return make_leaf(field or _ANY, tok.text, phrase=True, pos=tok.pos)
        if tok.kind == "word":
            if self.tok.kind == "op":
                return self.fielded(tok, field)
            return make_leaf(field or _ANY, tok.text, phrase=False, pos=tok.pos)
        raise self.unexpected(tok)

    def group(self, opening: Token, field: Field | None) -> Node:
        if self.tok.kind == "rparen":
            raise QuerySyntaxError("括号中没有检索词", position=opening.pos)
        node = self.or_expr(field)
        if self.tok.kind != "rparen":
            raise QuerySyntaxError("括号未闭合：缺少与之配对的右括号“)”", position=opening.pos)
        self.next()
        return node

    def unexpected(self, tok: Token) -> QuerySyntaxError:
        if tok.kind == "end":
            return QuerySyntaxError("检索式不完整：末尾缺少检索词", position=tok.pos)
        if tok.kind == "rparen":
            return QuerySyntaxError("多余的右括号“)”", position=tok.pos)
        if tok.kind == "op":
            return QuerySyntaxError(f"“{tok.text}”前缺少字段名，如 名称=锂电池", position=tok.pos)
        if tok.kind in ("and", "or"):
            return QuerySyntaxError(f"运算符“{tok.text}”前后都需要检索词", position=tok.pos)
        return QuerySyntaxError(f"此处不能出现“{tok.text}”", position=tok.pos)

    def fielded(self, name: Token, outer: Field | None) -> Node:
        field = find_field(name.text)
        if field is None:
            raise QuerySyntaxError(f"未知字段“{name.text}”，可用字段：{field_names_zh()}", position=name.pos)
        if outer is not None:
            raise QuerySyntaxError(f"字段“{outer.name_zh}”的括号内不能再指定字段", position=name.pos)
        op = self.next()
        if op.text in (">", ">=", "<", "<="):
            return self.comparison(field, op)
        if self.tok.kind == "lparen":
            return self.group(self.next(), field)
        if self.tok.kind == "lbracket":
            return self.date_range(field, self.next())
        return self.value(field)

    def value(self, field: Field) -> Node:
        tok = self.next()
        if tok.kind not in ("word", "phrase"):
            if tok.kind == "end":
                raise QuerySyntaxError(f"字段“{field.name_zh}”后缺少检索值", position=tok.pos)
            raise self.unexpected(tok)
        text = tok.text
        if field.kind == "ipc" and self.tok.kind == "word" and _GROUP_TAIL.fullmatch(self.tok.text):
            text += self.next().text
        if field.kind == "date" and tok.kind == "word" and "~" in text:
            start, _, end = text.partition("~")
            return self._range(field, start, end, tok.pos)
        return make_leaf(field, text, phrase=tok.kind == "phrase", pos=tok.pos)

    def comparison(self, field: Field, op: Token) -> Node:
        if field.kind != "date":
            raise QuerySyntaxError(f"“{op.text}”只能用于日期字段（申请日、公开日、授权日）", position=op.pos)
        tok = self.next()
        if tok.kind != "word":
            raise QuerySyntaxError("比较运算符后缺少日期", position=tok.pos)
        first, last = date_bounds(tok.text, tok.pos)
        bounds = {
            ">=": (first, None),
            ">": (_after(last), None),
            "<=": (None, last),
            "<": (None, _before(first)),
        }
        start, end = bounds[op.text]
        return DateRange(field.key, start, end, tok.pos)

    def date_range(self, field: Field, opening: Token) -> Node:
        if field.kind != "date":
            raise QuerySyntaxError(
                "方括号范围只能用于日期字段（申请日、公开日、授权日）", position=opening.pos
            )
        words: list[Token] = []
        while self.tok.kind in ("word", "op"):
            words.append(self.next())
        if self.tok.kind != "rbracket":
            raise QuerySyntaxError("日期范围未闭合：缺少“]”", position=opening.pos)
        self.next()
        parts = [w for w in words if w.text.upper() not in _RANGE_WORDS]
        if len(parts) == 1 and "~" in parts[0].text:
            start, _, end = parts[0].text.partition("~")
            return self._range(field, start, end, parts[0].pos)
        if len(parts) != 2 or len(words) != 3:
            raise QuerySyntaxError("日期范围应写作 [2015-01-01 TO 2017-12-31]", position=opening.pos)
        return self._range(field, parts[0].text, parts[1].text, parts[0].pos)

    def _range(self, field: Field, start: str, end: str, pos: int) -> Node:
        first = date_bounds(start, pos)[0] if start not in ("*", "") else None
        last = date_bounds(end, pos)[1] if end not in ("*", "") else None
        if first and last and first > last:
            raise QuerySyntaxError("日期范围的起始日期晚于结束日期", position=pos)
        return DateRange(field.key, first, last, pos)


def _after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def _before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


def add_clause(query: str, clause: str) -> str:
    """`query AND clause` (a facet click), bracketing a query that has OR at its top level."""
    query = query.strip()
    if not query:
        return clause
    if clause in query:
        return query
    tree = parse(query)
    return f"({query}) AND {clause}" if isinstance(tree, Or) else f"{query} AND {clause}"
