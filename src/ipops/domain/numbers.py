"""Chinese application, patent and publication numbers (rules §9.1–9.3).

Vendor exports, the CNIPA data products and users all write the same application number in
different ways: the original form with its check character (CN201410000511.3), the CNIPA
15-digit standard form without one (CN102015000305529), the patent number (ZL…), with
full-width digits, spaces or a missing check character. Everything is parsed into one value
type so that records from different sources join on the same key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ipops.domain.errors import InvalidNumber


class PatentType(StrEnum):
    """Kind of protection (专利类型); Patent Law art. 2."""

    invention = "invention"  # 发明
    utility_model = "utility_model"  # 实用新型
    design = "design"  # 外观设计


PATENT_TYPE_LABELS_ZH: dict[PatentType, str] = {
    PatentType.invention: "发明",
    PatentType.utility_model: "实用新型",
    PatentType.design: "外观设计",
}

# Digit 5 of a new-form number (digit 3 of an old one); 8/9 = PCT national phase (rules §9.1).
_INVENTION, _UTILITY_MODEL, _DESIGN = PatentType.invention, PatentType.utility_model, PatentType.design
_TYPE_BY_DIGIT: dict[int, PatentType] = {
    1: _INVENTION,
    8: _INVENTION,
    2: _UTILITY_MODEL,
    9: _UTILITY_MODEL,
    3: _DESIGN,
}
# Two-digit type code of the CNIPA standard form, checked against the 2017 CN-BIBS slice:
# CN102015000305529 ⇔ CN201510305529.9, CN112013000027231 ⇔ CN201380027231.5 (PCT).
_STANDARD_CODE_BY_DIGIT: dict[int, str] = {1: "10", 8: "11", 2: "20", 9: "21", 3: "30"}
_DIGIT_BY_STANDARD_CODE: dict[str, int] = {code: d for d, code in _STANDARD_CODE_BY_DIGIT.items()}

_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)  # rules §9.2
FIRST_OLD_FORMAT_YEAR = 1985  # Patent Law in force 1985-04-01
LAST_OLD_FORMAT_YEAR = 2003  # 12-digit numbers since 2003-10-01; both forms exist for 2003
LAST_NEW_FORMAT_YEAR = 2099

_LABEL_PREFIX = re.compile(
    r"^(?:专利申请号|申请号|专利号|公开号|公告号|公布号|授权公告号|文献号)\s*[:：]?\s*"
)
_SEPARATORS = re.compile(r"[\s.\-_·。,，、]+")
_APP_SHAPE = re.compile(r"(?:CN|ZL)?(?P<body>\d{8}|\d{12}|\d{15})(?P<check>[0-9X])?")
_PUB_SHAPE = re.compile(r"(?P<country>[A-Z]{2})(?P<number>[A-Z]{0,2}\d+)(?P<kind>[A-Z]\d?)?")
_COUNTRY = re.compile(r"[A-Z]{2}")
_DOC_NUMBER = re.compile(r"[A-Z]{0,2}\d+")
# CN publication numbers: 9 digits since 2007, 7 digits 1989–2007, and 1985–1989 the
# 8-digit application number; the leading digit is the type 1/2/3 (rules §9.3 [MEMORY])
_CN_DOC_NUMBER = re.compile(r"[123]\d{6}|[123]\d{8}|8[5-9][1-3]\d{5}")


class CheckCharacterMismatch(InvalidNumber):
    """The number is well formed but its check character is wrong: usually a typo to show the user."""

    def __init__(self, digits: str, expected: str, given: str) -> None:
        super().__init__(f"申请号 {digits} 的校验位应为 {expected}，而不是 {given}")
        self.digits = digits
        self.expected = expected
        self.given = given


def _fold(text: str) -> str:
    """Full-width → ASCII, upper case, label and separators removed: the form every parser reads."""
    folded = unicodedata.normalize("NFKC", text).strip().upper()
    return _SEPARATORS.sub("", _LABEL_PREFIX.sub("", folded))


def check_character(digits: str) -> str:
    """Check character of an 8- or 12-digit body: Σ digit×weight mod 11, 10 → "X" (rules §9.2)."""
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 12):
        raise InvalidNumber(f"校验位只能对 8 位或 12 位申请号计算：{digits}")
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False)) % 11
    return "X" if remainder == 10 else str(remainder)


@dataclass(frozen=True)
class ApplicationNumber:
    """A CN application number; the patent number is the same number with "ZL" (rules §9.1).

    ``old_format`` marks the 8-digit numbers of 1985–2003 (2-digit year, 5-digit serial).
    Construction validates everything, so an instance is always a possible number.
    """

    year: int
    type_digit: int
    serial: str
    check: str
    old_format: bool

    def __post_init__(self) -> None:
        first, last = (
            (FIRST_OLD_FORMAT_YEAR, LAST_OLD_FORMAT_YEAR)
            if self.old_format
            else (LAST_OLD_FORMAT_YEAR, LAST_NEW_FORMAT_YEAR)
        )
        if not first <= self.year <= last:
            raise InvalidNumber(f"申请号年份 {self.year} 无效：此格式只用于 {first}—{last} 年")
        if self.type_digit not in _TYPE_BY_DIGIT:
            raise InvalidNumber(f"申请号类型位 {self.type_digit} 无效（应为 1、2、3、8 或 9）")
        width = 5 if self.old_format else 7
        if len(self.serial) != width or not self.serial.isascii() or not self.serial.isdigit():
            raise InvalidNumber(f"申请号流水号 {self.serial} 无效：应为 {width} 位数字")
        expected = check_character(self.digits)
        if self.check != expected:
            raise CheckCharacterMismatch(self.digits, expected, self.check)

    @property
    def digits(self) -> str:
        """The body without check character: yy+type+5 digits (old) or yyyy+type+7 digits (new)."""
        return _body_digits(self.year, self.type_digit, self.serial, self.old_format)

    @property
    def patent_type(self) -> PatentType:
        return _TYPE_BY_DIGIT[self.type_digit]

    @property
    def pct_national_phase(self) -> bool:
        """PCT application entering the Chinese national phase (type digit 8 or 9)."""
        return self.type_digit in (8, 9)

    @property
    def canonical(self) -> str:
        return f"CN{self.digits}.{self.check}"

    @property
    def patent_number(self) -> str:
        return f"ZL{self.digits}.{self.check}"

    @property
    def standard_form(self) -> str:
        """CNIPA 15-digit standard form: CN + type code + yyyy + 9-digit serial (no check character)."""
        return f"CN{_STANDARD_CODE_BY_DIGIT[self.type_digit]}{self.year}{int(self.serial):09d}"

    def __str__(self) -> str:
        return self.canonical


def _body_digits(year: int, type_digit: int, serial: str, old_format: bool) -> str:
    return f"{year % 100:02d}{type_digit}{serial}" if old_format else f"{year}{type_digit}{serial}"


def _expected_check(year: int, type_digit: int, serial: str, old_format: bool) -> str:
    """Check character for parts not yet validated; "?" lets __post_init__ report the real fault."""
    digits = _body_digits(year, type_digit, serial, old_format)
    return check_character(digits) if len(digits) in (8, 12) and digits.isdigit() else "?"


def _parts_old(body: str) -> tuple[int, int, str, bool]:
    yy = int(body[:2])
    if yy >= 85:
        year = 1900 + yy
    elif yy <= LAST_OLD_FORMAT_YEAR % 100:
        year = 2000 + yy
    else:
        raise InvalidNumber(f"申请号 {body} 的年份 {body[:2]} 无效：8 位旧申请号只用于 1985—2003 年")
    return year, int(body[2]), body[3:], True


def _parts_standard(body: str) -> tuple[int, int, str, bool]:
    code, year, serial = body[:2], int(body[2:6]), int(body[6:])
    if code not in _DIGIT_BY_STANDARD_CODE:
        raise InvalidNumber(f"标准申请号 CN{body} 的类型代码 {code} 无效（应为 10、11、20、21 或 30）")
    old = year < LAST_OLD_FORMAT_YEAR or (year == LAST_OLD_FORMAT_YEAR and serial < 100_000)
    width = 5 if old else 7
    if serial >= 10**width:
        raise InvalidNumber(f"标准申请号 CN{body} 的流水号超出 {width} 位")
    return year, _DIGIT_BY_STANDARD_CODE[code], f"{serial:0{width}d}", old


def parse_application_number(text: str) -> ApplicationNumber:
    """Read any pasted form of a CN application or patent number (rules §9.1, §9.2).

    Accepts CN/ZL prefixes, dots, spaces, hyphens, full-width characters, a missing check
    character (computed), the old 8-digit form, the 12-digit form and the 15-digit standard
    form. A check character that is given must be right: a wrong one is almost always a typo.
    """
    match = _APP_SHAPE.fullmatch(_fold(text))
    if match is None:
        raise InvalidNumber(f"无法识别的申请号格式：{text.strip()}")
    body, given = match["body"], match["check"]
    if len(body) == 15:
        year, type_digit, serial, old = _parts_standard(body)
    elif len(body) == 8:
        year, type_digit, serial, old = _parts_old(body)
    else:
        year, type_digit, serial, old = int(body[:4]), int(body[4]), body[5:], False
    # construct first (validates year, type, serial), then compare a given check character
    try:
        number = ApplicationNumber(
            year, type_digit, serial, _expected_check(year, type_digit, serial, old), old
        )
    except InvalidNumber as error:
        raise InvalidNumber(f"{error.message_zh}（输入：{text.strip()}）") from error
    if given is not None and given != number.check:
        raise CheckCharacterMismatch(number.digits, number.check, given)
    return number


def try_parse_application_number(text: str | None) -> ApplicationNumber | None:
    """Like parse_application_number, but None for anything that is not a valid number."""
    if not text:
        return None
    try:
        return parse_application_number(text)
    except InvalidNumber:
        return None


# Kind codes of CN patent documents, Guidelines V-8 §2.2 (rules §9.3): A application
# publication, B/U/S grant of invention/utility model/design, C1–C7, Y1–Y7, S1–S7 the
# re-publication after a partial invalidation (claims or views amended to keep the right).
# Corrections are reprinted "with a mark on the front page" (V-8 §2.3); the 8 (front-page
# correction) / 9 (full-text correction) suffixes are ZC 0007 codes [MEMORY, A8/A9/B8/B9 seen
# in the 2017 CN-BIBS slice; U8/U9/S8/S9 by analogy].
KIND_CODES_CN: dict[str, str] = {
    "A": "发明专利申请公布",
    "A8": "发明专利申请公布更正（扉页）",
    "A9": "发明专利申请公布更正（全文）",
    "B": "发明专利授权公告",
    "B8": "发明专利授权公告更正（扉页）",
    "B9": "发明专利授权公告更正（全文）",
    **{f"C{n}": "发明专利权部分无效宣告的公告" for n in range(1, 8)},
    "U": "实用新型专利授权公告",
    "U8": "实用新型专利授权公告更正（扉页）",
    "U9": "实用新型专利授权公告更正（全文）",
    **{f"Y{n}": "实用新型专利权部分无效宣告的公告" for n in range(1, 8)},
    "S": "外观设计专利授权公告",
    **{f"S{n}": "外观设计专利权部分无效宣告的公告" for n in range(1, 8)},
    "S8": "外观设计专利授权公告更正（扉页）",
    "S9": "外观设计专利授权公告更正（全文）",
}
# Grant kinds before the 2010 switch to B/U/S (CN1234567C, CN2xxxxxxY, CN3xxxxxxD) [MEMORY].
KIND_CODES_CN_LEGACY: dict[str, str] = {
    "C": "发明专利授权公告（旧代码）",
    "Y": "实用新型专利授权公告（旧代码）",
    "D": "外观设计专利授权公告（旧代码）",
}
_CN_KIND_LABELS: dict[str, str] = {**KIND_CODES_CN, **KIND_CODES_CN_LEGACY}
_CN_APPLICATION_KINDS = frozenset({"A", "A8", "A9"})
_TYPE_BY_KIND_LETTER: dict[str, PatentType] = {
    **dict.fromkeys("ABC", _INVENTION),
    **dict.fromkeys("UY", _UTILITY_MODEL),
    **dict.fromkeys("SD", _DESIGN),
}
_TYPE_BY_FIRST_DIGIT: dict[str, PatentType] = {"1": _INVENTION, "2": _UTILITY_MODEL, "3": _DESIGN}
# US: A (grants before 2001), B1/B2 (grants since 2001), E reissue, S design, P2/P3 plant;
# A1/A2/A9 are pre-grant publications, H a statutory invention registration.
_US_GRANT_KINDS = frozenset({"A", "B1", "B2", "E", "E1", "S", "S1", "P2", "P3"})


@dataclass(frozen=True)
class PublicationNumber:
    """A publication (公开号) or grant announcement (授权公告号) number, CN or foreign.

    ``number`` is written without the country code, ``kind`` is "" when it was not given.
    """

    country: str
    number: str
    kind: str = ""

    def __post_init__(self) -> None:
        valid_country = _COUNTRY.fullmatch(self.country) and self.country != "ZL"  # ZL = patent number
        if not valid_country or not _DOC_NUMBER.fullmatch(self.number):
            raise InvalidNumber(f"无法识别的公开号：{self.country}{self.number}{self.kind}")
        if self.country != "CN":
            return
        if not _CN_DOC_NUMBER.fullmatch(self.number):
            raise InvalidNumber(f"中国公开号 CN{self.number} 无效：应为首位 1、2、3 的 7 位或 9 位数字")
        if self.kind and self.kind not in _CN_KIND_LABELS:
            raise InvalidNumber(
                f"未知的中国专利文献种类代码 {self.kind}（公开号 CN{self.number}{self.kind}）"
            )

    @property
    def canonical(self) -> str:
        return f"{self.country}{self.number}{self.kind}"

    @property
    def is_grant(self) -> bool:
        """True for documents published on or after grant, corrections of grants included.

        CN: every kind except A/A8/A9. US: see _US_GRANT_KINDS; a number without kind is a
        grant unless it has the 11-digit pre-grant form. Other offices: B* and C* kinds, the
        usual WIPO ST.16 grant letters.
        """
        if self.country == "CN":
            return bool(self.kind) and self.kind not in _CN_APPLICATION_KINDS
        if self.country == "US":
            if not self.kind:
                return len(self.number) != 11
            return self.kind in _US_GRANT_KINDS
        return self.kind[:1] in ("B", "C")

    @property
    def kind_label_zh(self) -> str | None:
        """Chinese name of a CN kind code; None for other offices or no kind."""
        return _CN_KIND_LABELS.get(self.kind) if self.country == "CN" else None

    @property
    def patent_type(self) -> PatentType | None:
        """CN only: from the kind letter, else from the number (9/7 digits: first digit 1/2/3)."""
        if self.country != "CN":
            return None
        if self.kind:
            return _TYPE_BY_KIND_LETTER.get(self.kind[0])
        # 1985–1989 publications reuse the 8-digit application number: type is its 3rd digit
        digit = self.number[2] if len(self.number) == 8 else self.number[0]
        return _TYPE_BY_FIRST_DIGIT.get(digit)

    def __str__(self) -> str:
        return self.canonical


def parse_publication_number(text: str) -> PublicationNumber:
    """Read a publication number: "CN106540887A", "cn 106540887 a", "US 3,932,709", "USD435854S1"."""
    match = _PUB_SHAPE.fullmatch(_fold(text))
    if match is None:
        raise InvalidNumber(f"无法识别的公开号格式：{text.strip()}")
    return PublicationNumber(match["country"], match["number"], match["kind"] or "")


def normalise_any_number(text: str) -> str:
    """Lookup key for a pasted number: the canonical application number, else the publication number.

    Errors name the real fault: a wrong check character, or a 12+-digit number (never a
    publication number) with an impossible year or type, is reported as an application number.
    """
    folded = _fold(text)
    try:
        return parse_application_number(text).canonical
    except InvalidNumber as error:
        app_shape = _APP_SHAPE.fullmatch(folded)
        if isinstance(error, CheckCharacterMismatch) or (app_shape and len(app_shape["body"]) >= 12):
            raise
        if _PUB_SHAPE.fullmatch(folded) is None:
            message = f"无法识别的号码：{text.strip()}（既不是申请号/专利号，也不是公开/公告号）"
            raise InvalidNumber(message) from error
    return parse_publication_number(text).canonical
