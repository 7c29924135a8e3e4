"""make run's supervisor, with fake children: restarts, back-off, giving up, stopping all."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lms.supervise import GaveUp, Supervisor

PY = sys.executable
SLEEPER = [PY, "-c", "import time; time.sleep(120)"]
DIES = [PY, "-c", "import sys; sys.exit(3)"]
# Ignores SIGTERM, as a stuck worker might: only SIGKILL ends it.
STUBBORN = [
    PY,
    "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('up', flush=True);"
    " time.sleep(120)",
]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_dead_child_is_started_again_after_a_back_off():
    clock, messages = Clock(), []
    sup = Supervisor({"web": SLEEPER, "worker": DIES}, clock=clock, log=messages.append)
    sup.start()
    web, worker = sup.children
    try:
        assert wait_for(lambda: worker.process.poll() is not None)
        sup.check()  # death noticed: back in 1 s
        assert worker.restart_at == 1.0 and worker.starts == 1
        sup.check()
        assert worker.starts == 1  # not yet
        clock.now = 1.0
        sup.check()
        assert worker.starts == 2
        assert wait_for(lambda: worker.process.poll() is not None)
        clock.now = 1.5
        sup.check()
        assert worker.restart_at == 1.5 + 2  # the back-off doubles
        assert web.starts == 1 and web.process.poll() is None
    finally:
        sup.stop()
    assert "worker stopped (exit code 3); again in 1 s" in messages[0]


def test_gives_up_after_five_deaths_in_ten_minutes():
    clock = Clock()
    sup = Supervisor({"web": SLEEPER, "beat": DIES}, clock=clock, backoff=0, log=lambda m: None)
    sup.start()
    beat = sup.children[1]
    try:
        with pytest.raises(GaveUp, match="beat died 5 times in 10 minutes"):
            for _ in range(20):
                assert wait_for(lambda: beat.process.poll() is not None)
                clock.now += 60
                sup.check()
                sup.check()
        assert beat.starts == 5
    finally:
        sup.stop()


def test_deaths_far_apart_never_add_up():
    clock = Clock()
    sup = Supervisor({"worker": DIES}, clock=clock, backoff=0, log=lambda m: None)
    sup.start()
    worker = sup.children[0]
    try:
        for _ in range(8):
            assert wait_for(lambda: worker.process.poll() is not None)
            clock.now += 200  # three deaths at most within any ten minutes
            sup.check()
            sup.check()
        assert worker.starts == 9
    finally:
        sup.stop()


def test_stop_ends_every_child_even_one_that_ignores_sigterm():
    sup = Supervisor(
        {"web": SLEEPER, "worker": SLEEPER, "beat": STUBBORN}, stop_timeout=1, log=lambda m: None
    )
    sup.start()
    time.sleep(0.5)
    pids = [c.process.pid for c in sup.children]
    sup.stop()
    assert not any(alive(pid) for pid in pids)


SCRIPT = """
import sys
from lms.supervise import Supervisor
sup = Supervisor({{"web": {sleeper!r}, "worker": {worker!r}, "beat": {sleeper!r}}},
                 backoff=0, stop_timeout=2)
ready = lambda: print(" ".join(str(c.process.pid) for c in sup.children), flush=True)
sys.exit(sup.run(interval=0.05, ready=ready))
"""


def _supervisor_process(worker: list[str]) -> tuple[subprocess.Popen, list[int]]:
    code = SCRIPT.format(sleeper=SLEEPER, worker=worker)
    proc = subprocess.Popen(  # noqa: S603
        [PY, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    pids = [int(p) for p in proc.stdout.readline().split()]
    return proc, pids


def test_sigterm_stops_web_worker_and_beat():
    proc, pids = _supervisor_process(SLEEPER)
    assert len(pids) == 3 and all(alive(p) for p in pids)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    assert wait_for(lambda: not any(alive(p) for p in pids), timeout=5)


def test_giving_up_is_loud_and_stops_everything():
    proc, pids = _supervisor_process(DIES)
    assert proc.wait(timeout=30) == 1
    assert "GIVING UP: worker died 5 times" in proc.stderr.read()
    web, _, beat = pids
    assert wait_for(lambda: not alive(web) and not alive(beat), timeout=5)
