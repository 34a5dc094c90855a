"""Patent titles with CNIPA's sub/superscript markup: rendered, and nothing else let through."""

from __future__ import annotations

from markupsafe import Markup

from ipops.web.templating import inline_markup, templates

TITLE = "利用高温高压混合溶剂热体系合成钒酸锂Li<sub>3</sub>VO<sub>4</sub>单晶微米粉末的方法"  # real CNIPA title


def test_sub_and_sup_render_everything_else_is_escaped() -> None:
    assert inline_markup(TITLE) == TITLE
    assert inline_markup("m<sup>2</sup><script>x</script>") == "m<sup>2</sup>&lt;script&gt;x&lt;/script&gt;"
    assert inline_markup('<sub onclick="x">1</sub>') == '&lt;sub onclick=&#34;x&#34;&gt;1</sub>'
    assert inline_markup(None) == ""


def test_already_escaped_highlights_keep_their_marks() -> None:
    highlighted = Markup("钒酸锂Li&lt;sub&gt;3&lt;/sub&gt;<mark>VO</mark>")
    assert inline_markup(highlighted) == "钒酸锂Li<sub>3</sub><mark>VO</mark>"


def test_the_filter_is_registered_and_titles_lose_tags_in_the_window_title() -> None:
    page = templates.env.from_string("<title>{{ t|striptags }}</title><h1>{{ t|inline }}</h1>").render(t=TITLE)
    assert "<title>利用高温高压混合溶剂热体系合成钒酸锂Li3VO4单晶" in page and "<sub>3</sub>" in page
