"""Queueing SQLite writers in the kernel instead of in SQLite's busy handler.

SQLite has one writer at a time. A connection that finds the write lock taken sleeps
and tries again (1, 2, 5, 10, … up to 100 ms between tries), so under load the lock is
often free while every waiter sleeps: with gunicorn's 2 workers × 4 threads posting
statements, more than half of each request went to that. ``write_queue()`` lets
writers wait on a file lock instead, which wakes the next one the moment it is
released. SQLite's own lock still decides who may write; this only orders the waiting.
PostgreSQL needs none of it.
"""

import fcntl
import os
import threading
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

_state: dict = {}


def _reset() -> None:
    _state.clear()
    _state["thread_lock"] = threading.Lock()


_reset()
os.register_at_fork(after_in_child=_reset)


def _lock_file(path: str) -> int:
    files = _state.setdefault("files", {})
    if path not in files:
        files[path] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    return files[path]


@contextmanager
def write_queue(using: str = DEFAULT_DB_ALIAS):
    """Wait for your turn before a write transaction on SQLite; a no-op elsewhere, and
    inside a transaction (which holds the write lock already)."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block or connection.is_in_memory_db():
        yield
        return
    name = str(connection.settings_dict["NAME"])
    # Threads of one process share the file's lock, so they queue on a thread lock first.
    with _state["thread_lock"]:
        fd = _lock_file(f"{name}-writers.lock")
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
