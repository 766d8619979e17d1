"""Smaller embedded CJK fonts in WeasyPrint PDFs.

WeasyPrint 70 subsets every font but keeps each glyph at its original glyph id, so a subset of
Noto Sans CJK still carries an empty slot for each of its 65,535 glyphs: about 140 KB for a
certificate with a dozen Chinese characters. Noto CJK is a CID-keyed CFF font whose CIDs equal
its glyph ids (Adobe-Identity-0), and PDF readers find a CID-keyed CFF glyph through the font's
own charset, not its position. So for such fonts we may drop the empty slots: fontTools keeps
each glyph's CID in the charset, and the page's character codes (the original ids) still find
their glyphs. WeasyPrint also writes /CIDToGIDMap /Identity for these fonts (a key PDF defines
only for TrueType CID fonts, which poppler honours); it is removed for the compacted fonts, so
readers use the charset. Other fonts (TrueType, name-keyed CFF) are left exactly as WeasyPrint made them.
"""

from __future__ import annotations

import io
import logging

LOGGER = logging.getLogger(__name__)


def _is_identity_cid_cff(ttfont) -> bool:
    """True for a CID-keyed CFF font whose glyph n is CID n (so the charset keeps the codes)."""
    if "CFF " not in ttfont:
        return False
    top = ttfont["CFF "].cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        return False
    order = ttfont.getGlyphOrder()
    return all(name == f"cid{gid:05d}" for gid, name in enumerate(order[1:], start=1))


def compact_cid_font(file_content: bytes, gids) -> bytes:
    """Return the font without the empty glyph slots, or the same bytes if that is not safe."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    ttfont = TTFont(io.BytesIO(file_content))
    if not _is_identity_cid_cff(ttfont):
        return file_content
    options = subset.Options(
        retain_gids=False,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=False,
        desubroutinize=True,
        notdef_outline=True,
    )
    options.drop_tables += ["GSUB", "GPOS", "SVG "]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted({0, *gids}))
    try:
        subsetter.subset(ttfont)
        out = io.BytesIO()
        ttfont.save(out)
    except Exception:  # a font we cannot rewrite is still correct as WeasyPrint made it
        LOGGER.warning("Could not compact an embedded CID font", exc_info=True)
        return file_content
    return out.getvalue()


def _embed_bare_cff(pdf, font, reference, new_objects) -> None:
    """Embed the compacted font as a bare CID-keyed CFF program (FontFile3 /CIDFontType0C).

    Inside an OpenType wrapper, readers built on FreeType (poppler, so most Linux viewers) take
    a character code as a glyph position; from a bare CID-keyed CFF program they look the code
    up as a CID in its charset, which is what the compacted font needs.
    """
    from fontTools.ttLib import TTFont

    cff = TTFont(io.BytesIO(font.file_content)).reader["CFF "]
    for obj in pdf.objects:
        if getattr(obj, "reference", None) == reference and hasattr(obj, "extra"):
            obj.stream = [cff]
            obj.extra["Subtype"] = "/CIDFontType0C"
            break
    for obj in new_objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/CIDFontType0":
            obj.pop("CIDToGIDMap", None)  # defined for TrueType CID fonts only


def install() -> None:
    """Make WeasyPrint compact CID-keyed CFF fonts after its own subsetting (once per process)."""
    from weasyprint.pdf import fonts

    if getattr(fonts.Font.subset, "_pathways_compact", False):
        return
    original = fonts.Font.subset

    def subset(self, to_unicode, hinting):
        original(self, to_unicode, hinting)
        if to_unicode and self.type == "otf":
            compacted = compact_cid_font(self.file_content, to_unicode)
            self._pathways_compacted = compacted is not self.file_content
            self.file_content = compacted

    original_build = fonts._build_vector_font_dictionary

    def build(font_dictionary, pdf, font, widths, compress, reference, *args, **kwargs):
        first_new = len(pdf.objects)
        result = original_build(
            font_dictionary, pdf, font, widths, compress, reference, *args, **kwargs
        )
        if getattr(font, "_pathways_compacted", False):
            _embed_bare_cff(pdf, font, reference, pdf.objects[first_new:])
        return result

    subset._pathways_compact = True
    fonts.Font.subset = subset
    fonts._build_vector_font_dictionary = build
