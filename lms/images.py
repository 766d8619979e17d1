"""Pillow, loaded on first use with its decompression-bomb guard set. Pure: no Flask."""

# Pillow's own guard for every picture Pathways decodes (course media, evidence files,
# story pictures, and anything WeasyPrint decodes into a PDF): it warns above this and refuses above twice this. A few kilobytes
# of PNG can describe a 12000 × 12000 picture that takes gigabytes and a minute to decode; 40
# megapixels is more than any phone camera needs.
MAX_IMAGE_PIXELS = 40_000_000


def pillow():
    """Pillow's Image module with the guard set, imported on first use.

    Pillow is about 2.5 MB, and a web worker decodes a picture only when one is uploaded.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    return Image
