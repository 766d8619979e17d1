"""Small-number suppression: examples and a property (nothing recoverable by subtraction)."""

from hypothesis import given
from hypothesis import strategies as st

from lms.programme.suppression import Cell, is_small, single, suppress


def shown(table):
    """The table as the reader sees it: a number, or None for "fewer than 5"."""
    return (
        None if table.total.suppressed else table.total.value,
        [None if p.cell.suppressed else p.cell.value for p in table.parts],
    )


def test_counts_one_to_four_are_small_and_zero_and_five_are_not():
    assert [is_small(n) for n in (0, 1, 4, 5, 100)] == [False, True, True, False, False]
    assert single(3) == Cell(3, True)
    assert single(0) == Cell(0, False)
    assert single(12) == Cell(12, False)


def test_nothing_small_shows_everything():
    assert shown(suppress(30, [("a", 10), ("b", 20)])) == (30, [10, 20])


def test_true_zero_shows_as_zero():
    assert shown(suppress(0, [("a", 0), ("b", 0)])) == (0, [0, 0])
    assert shown(suppress(20, [("a", 0), ("b", 20)])) == (20, [0, 20])


def test_one_small_part_also_hides_the_next_smallest_non_zero_part():
    # Without the second hidden part, 40 - 20 - 17 = 3 would give the small one away.
    assert shown(suppress(40, [("a", 20), ("b", 3), ("c", 17), ("d", 0)])) == (
        40,
        [20, None, None, 0],
    )


def test_two_small_parts_need_no_more_hiding():
    assert shown(suppress(30, [("a", 2), ("b", 3), ("c", 25)])) == (30, [None, None, 25])


def test_one_small_part_and_no_other_non_zero_part_hides_the_total():
    assert shown(suppress(8, [("a", 3), ("b", 0)])) == (None, [None, 0])


def test_small_total_hides_the_total_and_every_part():
    assert shown(suppress(4, [("a", 4), ("b", 0)])) == (None, [None, 0])
    assert shown(suppress(3, [("a", 1), ("b", 2)])) == (None, [None, None])


def test_part_lookup_by_key():
    table = suppress(12, [("training", 9), ("outreach", 3)])
    assert table.part("outreach").suppressed and table.part("training").suppressed
    assert not table.total.suppressed


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=8))
def test_a_hidden_part_is_never_alone(values):
    table = suppress(sum(values), [(str(i), v) for i, v in enumerate(values)])
    hidden = [p for p in table.parts if p.cell.suppressed]
    if hidden:
        assert len(hidden) >= 2 or table.total.suppressed
    # Every small count is hidden; a true zero never is; values are kept unchanged.
    for part, value in zip(table.parts, values, strict=True):
        assert part.cell.value == value
        if is_small(value):
            assert part.cell.suppressed
        if value == 0 and not is_small(sum(values)):
            assert not part.cell.suppressed
    if is_small(sum(values)):
        assert table.total.suppressed


def test_a_larger_number_hidden_only_to_protect_a_small_one_is_marked_secondary():
    # It must not be printed as "fewer than 5": 17 is not fewer than 5.
    table = suppress(40, [("a", 20), ("b", 3), ("c", 17)])
    assert table.part("b").suppressed and not table.part("b").secondary
    assert table.part("c").suppressed and table.part("c").secondary
    hidden_total = suppress(8, [("a", 3), ("b", 0)]).total
    assert hidden_total.suppressed and hidden_total.secondary
