"""Bulletin charts as PNG bytes, drawn the same way for DOCX and PDF.

Matplotlib runs headless on a bare `Figure` with its own Agg canvas, never through pyplot (and
without `matplotlib.use`), so rendering in a web worker
or a test leaves no global figure behind; rcParams are changed only inside `rc_context`. Labels are
Chinese, so the CJK font from `fonts` is registered with matplotlib before drawing (no tofu boxes).
The look is deliberately plain: muted blues, a light grid, value labels and the unit on the axis.
"""

from __future__ import annotations

import functools
import io
import math

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ipops.reports.fonts import find_cjk_fonts
from ipops.reports.formatting import format_number
from ipops.reports.model import Chart

DPI = 200
PALETTE = ["#2F5597", "#8FAADC", "#1F3864", "#5B9BD5", "#A5A5A5", "#BDD7EE"]
GRID_COLOUR = "#D9D9D9"
TEXT_COLOUR = "#262626"
_CM_PER_INCH = 2.54


def render_chart_png(chart: Chart, *, width_cm: float = 16) -> bytes:
    """`chart` as a PNG `chart_width_px(width_cm)` wide at `DPI` (height follows the chart kind)."""
    width_in = (chart_width_px(width_cm) + 0.01) / DPI  # Agg truncates to whole pixels
    with matplotlib.rc_context(_rc()):
        figure = Figure(figsize=(width_in, _height_in(chart, width_in)), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        {"bar": _draw_bars, "barh": _draw_barh, "line": _draw_lines}[chart.kind](axes, chart)
        _style(axes, chart)
        _legend(axes, chart)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def chart_width_px(width_cm: float) -> int:
    """The pixel width of a chart `width_cm` wide at `DPI`."""
    return round(width_cm / _CM_PER_INCH * DPI)


@functools.cache
def _font_family() -> str:
    """Register the CJK font with matplotlib once and return its family name."""
    face = find_cjk_fonts().sans
    font_manager.fontManager.addfont(str(face.path))
    return face.family


def _rc() -> dict[str, object]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [_font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 8,
        "text.color": TEXT_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
    }


def _height_in(chart: Chart, width_in: float) -> float:
    if chart.kind == "barh":
        return max(width_in * 0.45, 0.3 * len(chart.categories) + 1.0)
    return width_in * 0.5


def _values(values: list[float | None]) -> list[float]:
    return [math.nan if value is None else value for value in values]


def _labels(values: list[float | None]) -> list[str]:
    """Value labels as in the tables (thousands separators, 2 decimals for fractions); gaps blank."""
    decimals = 0 if all(value is None or float(value).is_integer() for value in values) else None
    return ["" if value is None else format_number(value, decimals) for value in values]


def _draw_bars(axes: Axes, chart: Chart) -> None:
    count = max(len(chart.series), 1)
    width = 0.8 / count
    crowded = count * len(chart.categories) > 24
    for index, series in enumerate(chart.series):
        positions = [x - 0.4 + width * (index + 0.5) for x in range(len(chart.categories))]
        bars = axes.bar(
            positions,
            _values(series.values),
            width * 0.92,
            label=series.name,
            color=PALETTE[index % len(PALETTE)],
            zorder=2,
        )
        axes.bar_label(
            bars,
            labels=_labels(series.values),
            padding=1.5,
            zorder=3,
            fontsize=5.5 if crowded else 6.5,
            rotation=90 if crowded else 0,
        )
    axes.set_xticks(range(len(chart.categories)), chart.categories)
    axes.set_xlim(-0.6, len(chart.categories) - 0.4)
    axes.margins(y=0.15 if not crowded else 0.25)


def _draw_barh(axes: Axes, chart: Chart) -> None:
    count = max(len(chart.series), 1)
    height = 0.8 / count
    for index, series in enumerate(chart.series):
        positions = [y - 0.4 + height * (index + 0.5) for y in range(len(chart.categories))]
        bars = axes.barh(
            positions,
            _values(series.values),
            height * 0.92,
            label=series.name,
            color=PALETTE[index % len(PALETTE)],
            zorder=2,
        )
        axes.bar_label(bars, labels=_labels(series.values), padding=2, fontsize=6.5, zorder=3)
    axes.set_yticks(range(len(chart.categories)), chart.categories)
    axes.invert_yaxis()
    axes.margins(x=0.12)


def _draw_lines(axes: Axes, chart: Chart) -> None:
    positions = list(range(len(chart.categories)))
    for index, series in enumerate(chart.series):
        colour = PALETTE[index % len(PALETTE)]
        axes.plot(
            positions,
            _values(series.values),
            marker="o",
            markersize=3.5,
            linewidth=1.6,
            color=colour,
            label=series.name,
            zorder=2,
        )
        for x, value, label in zip(positions, series.values, _labels(series.values), strict=True):
            if value is not None:
                axes.annotate(
                    label,
                    (x, value),
                    textcoords="offset points",
                    xytext=(0, 5),
                    ha="center",
                    fontsize=6.5,
                    color=colour,
                )
    axes.set_xticks(positions, chart.categories)
    axes.margins(x=0.05, y=0.18)


def _style(axes: Axes, chart: Chart) -> None:
    axes.figure.suptitle(chart.title, fontsize=10, color=TEXT_COLOUR)
    value_axis = axes.xaxis if chart.kind == "barh" else axes.yaxis
    grid_axis = "x" if chart.kind == "barh" else "y"
    if chart.unit and chart.kind == "barh":
        axes.set_xlabel(f"单位：{chart.unit}")
    elif chart.unit:  # horizontal above the value axis: rotated Chinese reads sideways
        axes.annotate(
            f"单位：{chart.unit}",
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 6),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=7.5,
        )
    value_axis.set_major_formatter(lambda value, _pos: format_number(value, 0 if value.is_integer() else 1))
    axes.grid(axis=grid_axis, color=GRID_COLOUR, linewidth=0.6, zorder=0)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#7F7F7F")
    axes.tick_params(length=2.5, labelsize=7.5)
    if chart.kind != "line" and _all_positive(chart):
        (axes.set_xlim if chart.kind == "barh" else axes.set_ylim)(0, None)


def _all_positive(chart: Chart) -> bool:
    return all(value is None or value >= 0 for series in chart.series for value in series.values)


def _legend(axes: Axes, chart: Chart) -> None:
    """A one-row legend above the plot's right edge, only when there is more than one series."""
    if len(chart.series) > 1:
        axes.legend(
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=len(chart.series),
            frameon=False,
            fontsize=7.5,
            borderaxespad=0.2,
            handlelength=1.2,
        )
