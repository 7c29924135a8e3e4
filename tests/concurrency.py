"""Run calls at the same moment, each in its own thread with its own database connection.

The tests that use it need real transactions (``django_db(transaction=True)``) and, on
SQLite, a file database (see DATABASES' TEST NAME in settings).
"""

import threading

import pytest
from django.db import connection


def run_at_once(*calls, expected: tuple[type[BaseException], ...] = ()) -> list:
    """Start every call together (behind a barrier) and return their results in order.

    An exception of an ``expected`` type is returned as that call's result; any other
    fails the test.
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.fail("concurrency needs a file database; see DATABASES TEST NAME in settings")
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except expected as exc:
            results[i] = exc
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results
