"""A small process supervisor for ``make run``: web, worker and beat as children.

A child that dies is started again after a back-off (1, 2, 4 … 30 s). One that dies
``max_deaths`` times within ``window`` seconds is not: the supervisor says so loudly
and stops everything. Stopping (Ctrl-C, SIGTERM, giving up) stops every child: SIGTERM,
then SIGKILL after ``stop_timeout`` seconds.
"""

import signal
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM if the supervisor itself is killed (kill -9)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    deaths: deque = field(default_factory=deque)
    restart_at: float | None = None
    starts: int = 0


class GaveUp(Exception):
    pass


class Supervisor:
    def __init__(
        self,
        commands: dict[str, list[str]],
        *,
        max_deaths: int = 5,
        window: float = 600.0,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        stop_timeout: float = 10.0,
        clock=time.monotonic,
        log=None,
    ):
        self.children = [Child(name, list(command)) for name, command in commands.items()]
        self.max_deaths, self.window = max_deaths, window
        self.backoff, self.max_backoff = backoff, max_backoff
        self.stop_timeout = stop_timeout
        self.clock = clock
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))

    def start(self) -> None:
        for child in self.children:
            self._spawn(child)

    def _spawn(self, child: Child) -> None:
        child.process = subprocess.Popen(child.command, preexec_fn=_die_with_parent)  # noqa: S603
        child.starts += 1
        child.restart_at = None

    def check(self) -> None:
        """Notice deaths and start again what is due. Raises ``GaveUp``."""
        now = self.clock()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at:
                    self.log(f"make run: starting {child.name} again")
                    self._spawn(child)
                continue
            code = child.process.poll()
            if code is None:
                continue
            child.deaths.append(now)
            while child.deaths and now - child.deaths[0] > self.window:
                child.deaths.popleft()
            if len(child.deaths) >= self.max_deaths:
                raise GaveUp(
                    f"{child.name} died {len(child.deaths)} times in "
                    f"{self.window / 60:g} minutes (last exit code {code})"
                )
            delay = min(self.backoff * 2 ** (len(child.deaths) - 1), self.max_backoff)
            self.log(f"make run: {child.name} stopped (exit code {code}); again in {delay:g} s")
            child.restart_at = now + delay

    def stop(self) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + self.stop_timeout
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def run(self, interval: float = 0.5, ready=None) -> int:
        """Start the children, call ``ready()`` once, then supervise until SIGTERM/SIGINT
        (exit code 0) or giving up (1); stops every child either way. The signal
        handler is in place before the first child starts."""

        def terminate(*_args):
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, terminate)
        try:
            if not any(c.process for c in self.children):
                self.start()
            if ready is not None:
                ready()
            while True:
                self.check()
                time.sleep(interval)
        except GaveUp as exc:
            self.log(f"make run: GIVING UP: {exc}. Stopping everything.")
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            # A second Ctrl-C or SIGTERM must not cut the stopping short.
            interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.stop()
            signal.signal(signal.SIGINT, interrupt)
            signal.signal(signal.SIGTERM, previous)
