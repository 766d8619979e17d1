"""CSV downloads: a byte-order mark, and cells that cannot run as formulas."""

import csv
import io

import pytest

from lms.csvexport import BOM, csv_text, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Amina", "Amina"),
        ("李明", "李明"),
        ("রহিমা", "রহিমা"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
        (-3, "'-3"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_text_has_a_bom_and_round_trips_chinese_and_bengali():
    text = csv_text(["name", "done"], [["李明", 2], ["রহিমা", 0], ["=cmd|' /C calc'!A0", 1]])
    assert text.startswith(BOM)
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["name", "done"],
        ["李明", "2"],
        ["রহিমা", "0"],
        ["'=cmd|' /C calc'!A0", "1"],
    ]


def test_header_cells_are_made_safe_too():
    text = csv_text(["=bad"], [])
    assert text.removeprefix(BOM).splitlines() == ["'=bad"]
