"""Warm certificate render time against the shared WeasyPrint anchor, in the same process.

Usage: .venv/bin/python bench/bench_certificate_ratio.py [--anchor ../shared/bench/cert_pdf.py]
Prints, per language, the median warm render time and PDF size of a Pathways certificate, the
anchor's median warm render (its own HTML, DejaVu Sans), and the ratio (issue 15: <= 2x).
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["LMS_ENV"] = "testing"

from lms import create_app  # noqa: E402
from lms.certificates.models import Certificate  # noqa: E402
from lms.certificates.pdf import certificate_pdf  # noqa: E402
from lms.timeutil import utcnow  # noqa: E402

NAMES = {"en": "Nguyen Thi Example", "zh_Hans": "王小明", "bn": "মোহাম্মদ আব্দুল্লাহ আল মামুন চৌধুরী"}


def median_ms(render, runs: int) -> float:
    render(0)  # warm-up: fonts, Pango and WeasyPrint caches
    timings = []
    for i in range(1, runs + 1):
        start = time.perf_counter()
        render(i)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    # ../shared/bench from the main checkout (/work/main), ../../shared from a worktree.
    here = Path(__file__).resolve()
    candidates = [here.parents[n] / "shared/bench/cert_pdf.py" for n in (2, 3)]
    default_anchor = next((c for c in candidates if c.exists()), candidates[0])
    parser.add_argument("--anchor", default=str(default_anchor))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("cert_pdf_anchor", args.anchor)
    anchor = importlib.util.module_from_spec(spec)
    sys.argv = [args.anchor]  # the anchor parses nothing at import time, but keep argv clean
    spec.loader.exec_module(anchor)

    app = create_app(
        {"LMS_ENV": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_ENABLED": False}
    )
    anchor_ms = median_ms(lambda i: anchor.render(i, "DejaVu Sans"), args.runs)
    print(f"anchor (shared/bench/cert_pdf.py) warm median: {anchor_ms:.0f} ms (n={args.runs})")
    print("| language | warm median | PDF size | ratio to anchor |\n|---|---|---|---|")
    with app.app_context(), app.test_request_context():
        for language, name in NAMES.items():
            sizes = []

            def render(i, language=language, name=name, sizes=sizes):
                certificate = Certificate(
                    kind="course",
                    title="Know your rights",
                    hours=3,
                    outcomes=["Explain the three parts of the trafficking definition."] * 3,
                    printed_name=f"{name} {i}",
                    language=language,
                    code=f"BENC-HMAR-KCOD-E234-{6789 + i}",
                    status="issued",
                    issued_at=utcnow(),
                )
                url = "http://localhost/verify/" + certificate.code
                sizes.append(len(certificate_pdf(certificate, "Bench Organisation", url)))

            ms = median_ms(render, args.runs)
            size_kb = statistics.median(sizes) / 1024
            print(f"| {language} | {ms:.0f} ms | {size_kb:.1f} KB | {ms / anchor_ms:.2f}x |")


if __name__ == "__main__":
    main()
