"""Segmentation keeps technical terms from the IPC titles whole, and the packaged dictionary is current."""

from __future__ import annotations

import jieba
import pytest

from ipops.search.segment import dictionary_terms, packaged_terms, precise_tokens, search_tokens, segment


@pytest.fixture(scope="module")
def plain() -> jieba.Tokenizer:
    return jieba.Tokenizer()


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("一种锂离子电池用电解液", "锂离子电池"),  # H01M10/0525 title: 锂离子电池
        ("非水电解质蓄电池的制造方法", "非水电解质蓄电池"),  # H01M10/05
        ("一种锂蓄电池的保护电路", "锂蓄电池"),  # H01M10/052
    ],
)
def test_ipc_dictionary_terms_stay_whole(plain: jieba.Tokenizer, text: str, term: str) -> None:
    assert term not in plain.lcut(text)  # jieba's own dictionary splits the term
    assert term in precise_tokens(text)
    assert term in search_tokens(text)


def test_search_mode_also_emits_the_words_inside_a_term() -> None:
    tokens = search_tokens("一种锂离子电池负极材料及其制备方法")
    assert {"锂离子电池", "锂离子", "电池", "负极", "制备方法", "制备"} <= set(tokens)
    assert "，" not in segment("电池，负极") and segment("电池，负极") == "电池 负极"


def test_tokens_are_lower_case_and_punctuation_free() -> None:
    assert search_tokens("LED灯（H01M）") == ["led", "灯", "h01m"]
    assert search_tokens(None) == [] and segment("") == ""


def test_dictionary_pieces_are_terms_not_fragments() -> None:
    terms = set(packaged_terms())
    assert {"锂离子电池", "非水电解质蓄电池", "锂蓄电池"} <= terms
    assert not any(t.startswith(("一种", "种")) or t.endswith("的") for t in terms)
    assert all(3 <= len(t) <= 8 for t in terms)


def test_packaged_dictionary_is_current() -> None:
    """Regenerate with `scripts/gen_search_dict.py` after the IPC or SEI data change."""
    assert packaged_terms() == dictionary_terms()
