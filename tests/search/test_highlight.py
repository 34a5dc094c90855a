"""Highlights: escape first, then mark; windows around the first match."""

from __future__ import annotations

from ipops.search.highlight import highlight


def test_marks_every_occurrence_longest_word_first() -> None:
    out = highlight("锂离子电池负极材料、锂离子电池负极片", ["电池", "锂离子电池"])
    assert out == "<mark>锂离子电池</mark>负极材料、<mark>锂离子电池</mark>负极片"


def test_text_is_escaped_before_marks_are_added() -> None:
    # a real CN-BIBS title carries markup as text
    out = highlight("空心球形类石墨相C<sub>3</sub>N<sub>4</sub>和单质硫复合材料", ["石墨", "sub"])
    assert "<sub>" not in out and "&lt;<mark>sub</mark>&gt;" in out
    assert (
        highlight("<script>alert(1)</script>", ["alert"])
        == "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"
    )


def test_window_around_the_first_match() -> None:
    text = "甲" * 300 + "石墨烯" + "乙" * 300
    out = highlight(text, ["石墨烯"], width=60)
    assert out is not None and out.startswith("…") and out.endswith("…") and "<mark>石墨烯</mark>" in out
    assert len(out) < 90
    assert highlight(text, ["没有"], width=60) is None


def test_no_words_means_plain_escaped_text() -> None:
    assert highlight("A&B", []) == "A&amp;B"
    assert highlight(None, ["x"]) is None
