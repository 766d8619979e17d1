"""Certificate PDF render time (cold and warm median) and /verify/<code> throughput, via WSGI."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["LMS_ENV"] = "testing"

from lms import create_app  # noqa: E402
from lms.accounts.services import create_user  # noqa: E402
from lms.certificates.models import Certificate  # noqa: E402
from lms.certificates.pdf import certificate_pdf  # noqa: E402
from lms.extensions import db  # noqa: E402
from lms.orgs.models import Membership, Organisation  # noqa: E402
from lms.timeutil import utcnow  # noqa: E402


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="pathways-bench-"))
    app = create_app(
        {
            "LMS_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        org = Organisation(name="Bench Organisation")
        db.session.add(org)
        db.session.flush()
        user = create_user("learner", "Learner", "bench password phrase", None, "bn")
        db.session.add(Membership(user_id=user.id, organisation_id=org.id, role="learner"))
        certificate = Certificate(
            user_id=user.id,
            organisation_id=org.id,
            kind="course",
            title="Know your rights",
            hours=1,
            outcomes=["Explain the three parts of the trafficking definition."] * 4,
            printed_name="মোহাম্মদ আব্দুল্লাহ আল মামুন চৌধুরী",
            language="bn",
            code="BENC-HMAR-KCOD-E234-6789",
            status="issued",
            is_public=True,
            issued_at=utcnow(),
        )
        db.session.add(certificate)
        db.session.commit()
        timings = []
        with app.test_request_context():
            for _ in range(11):
                start = time.perf_counter()
                certificate_pdf(
                    certificate, org.name, "http://localhost/verify/" + certificate.code
                )
                timings.append(time.perf_counter() - start)
    client = app.test_client()
    runs = 500
    start = time.perf_counter()
    for _ in range(runs):
        assert client.get("/verify/BENC-HMAR-KCOD-E234-6789").status_code == 200
    elapsed = time.perf_counter() - start
    print("| measure | result |\n|---|---|")
    print(f"| certificate PDF, cold (first render) | {timings[0] * 1000:.0f} ms |")
    print(
        f"| certificate PDF, warm (median of 10) | {statistics.median(timings[1:]) * 1000:.0f} ms |"
    )
    print(f"| /verify/<code> throughput, one process | {runs / elapsed:.0f} requests/s |")


if __name__ == "__main__":
    main()
