"""Smaller embedded CJK fonts in WeasyPrint PDFs.

WeasyPrint 70 subsets every font but keeps each glyph at its original glyph id, so a subset of
Noto Sans CJK still carries an empty slot for each of its 65,535 glyphs: 70-140 KB for a
certificate with a dozen Chinese characters. Noto CJK is a CID-keyed CFF font whose CIDs equal
its glyph ids (Adobe-Identity-0), and a PDF reader finds a glyph of a bare CID-keyed CFF program
(FontFile3 /CIDFontType0C) through the program's charset, not by position. So for such fonts we
subset without keeping glyph ids (HarfBuzz-Subset, or fontTools where it is missing), both keep
each glyph's CID in the charset, and we embed the bare CFF table: the page's character codes
(the original ids) still find their glyphs. Inside an OpenType wrapper poppler would take codes
as positions, and /CIDToGIDMap (defined for TrueType CID fonts only) is dropped for the same
reason. Other fonts (TrueType, name-keyed CFF) are left exactly as WeasyPrint made them.

This hooks two WeasyPrint 70 internals (Font.subset, _build_vector_font_dictionary); the
version is pinned in pyproject.toml and tests/web/test_pdf_fonts.py fails if they change.
"""

from __future__ import annotations

import io
import logging

LOGGER = logging.getLogger(__name__)
# The tables WeasyPrint drops too: PDF readers use none of them.
DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH")
DROP_TABLES += (b"PCLT", b"SVG ")


def _is_identity_cid_cff(ttfont, gids) -> bool:
    """True for a CID-keyed CFF font in which each used glyph n is CID n (so codes still match).

    Only the used glyphs are checked: HarfBuzz may append a few extra glyphs it found in the
    font's tables after the retained ones, and those are dropped here anyway.
    """
    if "CFF " not in ttfont:
        return False
    top = ttfont["CFF "].cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        return False
    order = ttfont.getGlyphOrder()
    return all(gid < len(order) and order[gid] == f"cid{gid:05d}" for gid in gids if gid)


def compact_cid_font(file_content: bytes, gids) -> bytes:
    """Return the font without the empty glyph slots, or the same bytes if that is not safe."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    ttfont = TTFont(io.BytesIO(file_content))
    if not _is_identity_cid_cff(ttfont, gids):
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


def _harfbuzz_compact(font, gids: list[int]) -> bytes | None:
    """Subset with HarfBuzz without keeping glyph ids; None unless each kept glyph's CID is its
    original glyph id (checked on the result, so only identity CID-keyed CFF fonts pass)."""
    from fontTools.ttLib import TTFont
    from weasyprint.pdf.fonts import get_hb_object_data
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    if not harfbuzz_subset or not harfbuzz.hb_version_atleast(4, 1, 0):
        return None
    try:
        plan = ffi.gc(
            harfbuzz_subset.hb_subset_input_create_or_fail(),
            harfbuzz_subset.hb_subset_input_destroy,
        )
        glyphs = harfbuzz_subset.hb_subset_input_glyph_set(plan)
        harfbuzz.hb_set_add_sorted_array(
            glyphs, ffi.new(f"hb_codepoint_t[{len(gids)}]", gids), len(gids)
        )
        harfbuzz_subset.hb_subset_input_set_flags(
            plan,
            harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
            | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
            | harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
            | harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE,
        )
        drop = harfbuzz_subset.hb_subset_input_set(
            plan, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG
        )
        tags = sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in DROP_TABLES)
        harfbuzz.hb_set_add_sorted_array(
            drop, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags)
        )
        face = harfbuzz_subset.hb_subset_or_fail(font.hb_face, plan)
        if face == ffi.NULL:
            return None
        face = ffi.gc(face, harfbuzz.hb_face_destroy)
        data = get_hb_object_data(face)
        if not data or data[:4] != b"OTTO":
            return None
        ttfont = TTFont(io.BytesIO(data))
        if not hasattr(ttfont["CFF "].cff.topDictIndex[0], "ROS"):
            return None
        # HarfBuzz keeps glyphs in their old order and may add a few (variants it finds in the
        # font's tables). Each used glyph id must be the CID of a kept glyph, and the CIDs must
        # rise with the old order: true for an identity CID font, not for a reordered one.
        names = ttfont.getGlyphOrder()[1:]
        if not all(name.startswith("cid") and name[3:].isdigit() for name in names):
            return None
        cids = [int(name[3:]) for name in names]
        if cids != sorted(cids) or not set(gids[1:]) <= set(cids):
            return None
    except Exception:  # any surprise: WeasyPrint's own subsetting, which is always correct
        LOGGER.warning("Could not compact an embedded CID font with HarfBuzz", exc_info=True)
        return None
    return data


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
        # self.type says "ttf" for any font collection (Noto CJK is a .ttc), so ask for CFF.
        if to_unicode and "CFF " in self.tables:
            # HarfBuzz first: it subsets the whole CJK font in milliseconds; fontTools, slower,
            # only where HarfBuzz-Subset is missing.
            compacted = _harfbuzz_compact(self, sorted({0, *to_unicode}))
            if compacted is not None:
                self.file_content, self._pathways_compacted = compacted, True
                return
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
