"""gunicorn settings for Pathways: `gunicorn -c deploy/gunicorn.conf.py app:app`.

deploy/systemd/pathways@.service, `make serve-prod` and bench/bench_throughput.py use it;
command-line options (--workers, --bind) still apply on top of it.

- preload_app: the app is built once in gunicorn's master process before the workers are
  forked, so the workers share its code and data pages (copy-on-write) instead of each
  building its own. The app opens no database connection while it is built (lms/factory.py),
  so no connection is shared across the fork. A code upgrade needs `systemctl restart`
  (docs/deploy.md says so); a reload (HUP) re-forks the workers from the old code.
- gc.freeze() right before the workers are forked (Python's advice for fork without exec): the
  objects the app was built from move to a permanent generation that the garbage collector
  never walks. Its collections in the workers no longer write to those objects' headers,
  which would copy the shared pages into each worker, and take less time.
"""

import gc

preload_app = True
worker_class = "sync"


def when_ready(server):
    """In the master, after the app is loaded and before the first worker is forked."""
    gc.freeze()


def pre_fork(server, worker):
    """Also before a worker is forked again later (one that stopped, or a HUP)."""
    gc.freeze()
