"""WeasyPrint decodes a PDF's pictures with Pillow: the pixel guard is set before it does."""

import subprocess
import sys

CHECK = """
import PIL.Image
PIL.Image.MAX_IMAGE_PIXELS = None  # as if nothing had set the guard in this process
from lms.catalog.pdf import render_pdf
pdf = render_pdf("<p>A page</p>")
assert pdf.startswith(b"%PDF"), pdf[:10]
print(PIL.Image.MAX_IMAGE_PIXELS)
"""


def test_making_a_pdf_sets_the_pixel_guard_first():
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "40000000"
