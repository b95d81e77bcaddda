from datetime import date
from xml.etree import ElementTree

import pytest

from wagtail_eventcal.workflow.turnaround import MonthStat, monthly, percentile, svg_chart


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
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 4
    assert "2026-11 median: 2.5" in svg and 'stroke-dasharray="4 3"' in svg


def test_svg_chart_without_data():
    ElementTree.fromstring(svg_chart([], title="empty"))
