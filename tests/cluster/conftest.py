"""On a failure, the end of every cluster log (gunicorn, nginx, redis) is shown with it."""

import pytest

from .harness import tail


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    cluster = getattr(item, "funcargs", {}).get("cluster")
    if report.failed and cluster is not None:
        for log in sorted(cluster.tmp.glob("*.log")):
            report.sections.append((f"cluster: {log.name}", tail(log, 40)))
    return report
