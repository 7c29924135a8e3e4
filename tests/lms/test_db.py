"""The SQLite write queue: one writer at a time, waiting on a file lock."""

import threading
import time

import pytest
from django.db import connection

from base.db import write_queue

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def test_writers_take_turns():
    inside = []
    overlaps = []

    def writer():
        with write_queue():
            inside.append(1)
            overlaps.append(len(inside))
            time.sleep(0.02)
            inside.pop()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == [1, 1, 1, 1]


@pytest.mark.django_db
def test_no_queue_inside_a_transaction():
    """A transaction holds SQLite's write lock already: queueing there would wait for a
    writer that waits for it."""
    held, release = threading.Event(), threading.Event()

    def other_writer():
        with write_queue():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=other_writer)
    thread.start()
    assert held.wait(5)
    try:
        assert connection.in_atomic_block  # the test's own transaction
        started = time.monotonic()
        with write_queue():
            pass
        assert time.monotonic() - started < 1
    finally:
        release.set()
        thread.join()
