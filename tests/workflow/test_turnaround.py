from datetime import date
from xml.etree import ElementTree

import pytest

from wagtail_eventcal.workflow.turnaround import (
    MEDIAN_COLOUR,
    P90_COLOUR,
    TARGET_COLOUR,
    MonthStat,
    monthly,
    percentile,
    svg_chart,
)


def test_percentile_nearest_rank():
    assert percentile([1], 90) == 1
    assert percentile([3, 1, 2], 50) == 2
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile(list(range(1, 12)), 90) == 10
    with pytest.raises(ValueError):
        percentile([], 90)


def test_monthly_groups_by_month_of_decision():
    stats = monthly(
        [
            (date(2026, 10, 30), 1),
            (date(2026, 11, 2), 4),
            (date(2026, 11, 20), 2),
            (date(2026, 11, 25), 3),
        ]
    )
    assert stats == [MonthStat("2026-10", 1, 1, 1, 1), MonthStat("2026-11", 3, 3, 4, 2)]
    assert stats[1].share_within_target == pytest.approx(200 / 3)


def test_svg_chart_is_well_formed_and_escaped():
    svg = svg_chart(
        [MonthStat("2026-10", 1, 1, 1), MonthStat("2026-11", 3, 2.5, 4)],
        title="Turnaround <&>",
        target=3,
    )
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Turnaround <&>"
    # Four bars and the legend's two swatches.
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 6
    assert "2026-11 median: 2.5" in svg and 'stroke-dasharray="4 3"' in svg


def test_svg_chart_series_differ_by_more_than_colour_and_meet_3_to_1():
    svg = svg_chart(
        [MonthStat("2026-11", 3, 2, 4)],
        title="t",
        target=3,
        labels={"median": "中央値", "p90": "90パーセンタイル", "target": "目標"},
    )
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert {"中央値", "90パーセンタイル", "目標"} <= set(texts)  # the legend
    assert "2026-11 90パーセンタイル: 4" in svg and "percentile" not in svg
    bars = [r for r in root.findall(f"{ns}rect") if r.find(f"{ns}title") is not None]
    fills = {r.get("fill") for r in bars}
    assert "url(#eventcal-hatch)" in fills and len(fills) == 2  # a pattern, not a hue
    for colour in (MEDIAN_COLOUR, P90_COLOUR, TARGET_COLOUR):
        assert contrast(colour, "#ffffff") >= 3


def contrast(a, b):
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_svg_chart_without_data():
    ElementTree.fromstring(svg_chart([], title="empty"))
