"""Bar chart layout: proportional widths, safe with a zero maximum, long labels shortened."""

from lms.programme.charts import (
    BAR_HEIGHT,
    BAR_WIDTH,
    LABEL_CHARS,
    WIDTH,
    ChartRow,
    bar_chart,
    bar_length,
    leader,
    shorten,
)


def test_widths_are_proportional_to_value_over_maximum():
    assert bar_length(5, 10) == BAR_WIDTH / 2
    assert bar_length(10, 10) == BAR_WIDTH
    assert bar_length(1, 4) == BAR_WIDTH / 4
    chart = bar_chart("c", ["Started", "Completed"], [ChartRow("A", (3, 1), 6)])
    started, completed = chart.rows[0].bars
    assert started.width == BAR_WIDTH / 2
    assert completed.width == round(BAR_WIDTH / 6, 2)
    assert abs(started.width - 3 * completed.width) < 0.02


def test_zero_or_negative_maximum_and_values_are_safe():
    assert bar_length(0, 0) == 0
    assert bar_length(3, 0) == 0
    assert bar_length(-1, 5) == 0
    assert bar_length(9, 5) == BAR_WIDTH  # never beyond the chart
    chart = bar_chart("c", ["Started"], [ChartRow("Empty", (0,), 0)])
    assert chart.rows[0].bars[0].width == 0


def test_every_bar_and_number_fits_in_the_view_box():
    rows = [ChartRow(f"Course {n}", (n, n // 2), 30) for n in range(0, 31, 5)]
    chart = bar_chart("c", ["Started", "Completed"], rows)
    assert chart.width == WIDTH
    for row in chart.rows:
        for bar in row.bars:
            assert 0 <= bar.width <= BAR_WIDTH
            assert bar.text_x + 8 * len(str(bar.value)) <= WIDTH
            assert bar.y + BAR_HEIGHT <= chart.height


def test_rows_and_bars_do_not_overlap():
    chart = bar_chart("c", ["Started", "Completed"], [ChartRow("A", (1, 0), 2)] * 3)
    tops = [bar.y for row in chart.rows for bar in row.bars]
    assert tops == sorted(tops)
    assert all(b - a >= BAR_HEIGHT for a, b in zip(tops, tops[1:], strict=False))
    labels = [row.label_y for row in chart.rows]
    assert labels == sorted(set(labels))
    # The legend comes first: one line per series, above the first label.
    assert [item.name for item in chart.legend] == ["Started", "Completed"]
    assert chart.legend[-1].y + BAR_HEIGHT < chart.rows[0].label_y - 14


def test_long_labels_are_shortened_but_kept_whole_for_the_table():
    long = "Understanding your rights at work and where to get help in the city"
    chart = bar_chart("c", ["Started"], [ChartRow(long, (1,), 2)])
    row = chart.rows[0]
    assert row.label == long
    assert len(row.short_label) == LABEL_CHARS and row.short_label.endswith("…")
    assert shorten("短标题") == "短标题"
    assert shorten("  two   spaces ") == "two spaces"


def test_leader_picks_the_highest_and_none_when_all_zero():
    rows = [ChartRow("A", (1, 0), 3), ChartRow("B", (2, 1), 3), ChartRow("C", (2, 0), 3)]
    assert leader(rows, 0).label == "B"  # the first of the highest
    assert leader(rows, 1).label == "B"
    assert leader([ChartRow("A", (0, 0), 3)], 0) is None
    assert leader([], 0) is None
