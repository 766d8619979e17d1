"""Embedded CJK fonts are compacted (no empty glyph slots) and still show and extract the text."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from lms.catalog import pdf_fonts
from lms.catalog.pdf import render_pdf

HTML = (
    "<html lang=\"zh-Hans\"><body style=\"font-family: 'Noto Sans', 'Noto Sans CJK SC'\">"
    "<h1>你的权利 证书</h1><p>这是一段中文文字。Mixed English 文字 and <b>粗体中文</b>。</p>"
    "</body></html>"
)


def cjk_fonts(data: bytes) -> list[dict]:
    reader = PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    found = []
    for ref in fonts.values():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        if "CJK" in str(descendant["/BaseFont"]):
            found.append(descendant)
    return found


@pytest.mark.parametrize("harfbuzz", [True, False], ids=["harfbuzz", "fonttools-fallback"])
def test_cjk_fonts_are_compacted_and_still_read_right(monkeypatch, tmp_path, harfbuzz):
    if not harfbuzz:  # as on a system without HarfBuzz-Subset
        monkeypatch.setattr(pdf_fonts, "_harfbuzz_compact", lambda font, gids: None)
    data = render_pdf(HTML)
    # Before: two CJK weights at ~70-140 KB each, because every empty glyph slot was kept.
    assert len(data) < 30 * 1024, len(data)
    fonts = cjk_fonts(data)
    assert len(fonts) == 2  # regular and bold, each once
    for font in fonts:
        assert font["/Subtype"] == "/CIDFontType0"
        assert "/CIDToGIDMap" not in font  # codes are CIDs, found through the CFF charset
        program = font["/FontDescriptor"]["/FontFile3"].get_object()
        assert program["/Subtype"] == "/CIDFontType0C"
    path = tmp_path / "zh.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "你的权利 证书" in text and "粗体中文" in text
