"""Waking a worker after a commit, without making the request wait for the broker.

The work itself is already in the database (an outbox row, a pending statement), written
in the caller's transaction: the wake-up only makes it happen now rather than at beat's
next sweep (every minute). So a wake-up may be lost, but must be cheap. Celery's own
``apply_async`` retries the connection for ``broker_connection_timeout`` (2 s) on every
call while the broker is down; here the connection is tried once, for at most
``TIMEOUT`` seconds, and after a failure no wake-up is tried in this process for
``PAUSE`` seconds (the sweep does the work meanwhile).
"""

import logging
import threading
import time

log = logging.getLogger(__name__)

TIMEOUT = 0.5  # seconds a wake-up may wait for the broker
PAUSE = 30.0  # seconds without wake-ups after the broker failed to take one

_lock = threading.Lock()
_paused_until = 0.0


def paused() -> bool:
    return time.monotonic() < _paused_until


def wake(task) -> bool:
    """Send ``task`` (no arguments) to a worker. True when the broker took it; False when
    it did not, or was not asked because it failed a moment ago."""
    global _paused_until
    app = task.app
    eager = app.conf.task_always_eager  # tests: the task runs here, no broker involved
    if paused() and not eager:
        return False
    try:
        if eager:
            task.apply_async()
        else:
            with app.pool.acquire(block=True, timeout=TIMEOUT) as conn:
                conn.ensure_connection(
                    max_retries=0, interval_start=0, interval_step=0, timeout=TIMEOUT
                )
                task.apply_async(retry=False, connection=conn)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the sweep does the work
        with _lock:
            _paused_until = time.monotonic() + PAUSE
        log.warning(
            "%s: the broker did not take the wake-up (%s); the work waits for the "
            "periodic sweep, and no wake-up is tried for %.0f s",
            task.name,
            type(exc).__name__,
            PAUSE,
        )
        return False
    return True


def resume() -> None:
    """Forget an earlier failure (tests)."""
    global _paused_until
    with _lock:
        _paused_until = 0.0
