"""Hiding small numbers in funder reports so no person can be singled out. Pure: no Flask.

Rules (a "cell" is one number in a table):

1. A count from 1 to 4 is shown as "fewer than 5" (primary suppression).
2. A true 0 is shown as 0: it points at no one, and hiding it would make a report say
   "fewer than 5" about something that never happened, which misleads funders.
3. If the total is itself 1 to 4, the total and every part are hidden.
4. Secondary suppression: if exactly one part is hidden while the total is shown, the
   hidden part could be found by subtracting the shown parts from the total. So the
   next-smallest non-zero part is hidden too, or, when there is no other such part,
   the total. Then at least two unknowns always remain.

The template only shows cells: a `suppressed` cell prints "fewer than 5", unless it is
`secondary` (a larger number hidden only to protect a small one), which prints "not shown":
calling a hidden 30 "fewer than 5" would mislead a funder.
"""

from collections.abc import Iterable
from dataclasses import dataclass

THRESHOLD = 5  # counts below this (and above 0) are hidden


@dataclass(frozen=True)
class Cell:
    value: int
    suppressed: bool = False
    secondary: bool = False  # hidden to protect another cell, not because it is small


@dataclass(frozen=True)
class Part:
    key: str
    cell: Cell


@dataclass(frozen=True)
class Table:
    total: Cell
    parts: tuple[Part, ...]

    def part(self, key: str) -> Cell:
        for part in self.parts:
            if part.key == key:
                return part.cell
        raise KeyError(key)


def is_small(value: int) -> bool:
    """Return True for a count that could point at a few people (1 to 4)."""
    return 0 < value < THRESHOLD


def single(value: int) -> Cell:
    """Return one number on its own (no parts), hidden when small."""
    return Cell(value, is_small(value))


def suppress(total: int, parts: Iterable[tuple[str, int]]) -> Table:
    """Return the total and its parts as cells, with primary and secondary suppression applied."""
    items = [(str(key), int(value)) for key, value in parts]
    if is_small(total):
        return Table(Cell(total, True), tuple(Part(k, Cell(v, v != 0)) for k, v in items))
    hidden = {index for index, (_key, value) in enumerate(items) if is_small(value)}
    total_hidden = False
    if len(hidden) == 1:
        candidates = sorted(
            (value, index)
            for index, (_key, value) in enumerate(items)
            if index not in hidden and value > 0
        )
        if candidates:
            hidden.add(candidates[0][1])
        else:
            total_hidden = True
    return Table(
        Cell(total, total_hidden, secondary=total_hidden),
        tuple(
            Part(
                key, Cell(value, index in hidden, secondary=index in hidden and not is_small(value))
            )
            for index, (key, value) in enumerate(items)
        ),
    )
