"""Benchmark: a learner's request that records a statement, with the external LRS up
and with it down. Nothing in a request talks to the LRS, so the two should be equal.

Measures /learn/<id>/continue/ (records "launched" and enqueues forwarding after
commit) on gunicorn, with XAPI_LRS_ENDPOINT pointing at a running Ralph, then at a
closed port, in interleaved rounds.

Usage:  .venv/bin/python bench/lrs_down_page.py [--seconds 8] [--rounds 3]
Needs Ralph's venv: `make ralph-venv` (or RALPH_PYTHON=/path/to/python).
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import module_page  # noqa: E402  (sets up the environment and the learner)
from common import start_gunicorn  # noqa: E402
from forwarding import start_ralph  # noqa: E402


def serve(endpoint: str, port: int) -> list[subprocess.Popen]:
    """gunicorn and a Celery worker, as in production: the worker forwards (or fails to)."""
    env = {
        **os.environ,
        "XAPI_LRS_ENDPOINT": endpoint,
        "XAPI_LRS_USERNAME": "bench",
        "XAPI_LRS_PASSWORD": "bench-password",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool", "solo"],
        cwd=module_page.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return [start_gunicorn(port, env=env), worker]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    _counts, page_path, cookie = module_page.setup()
    continue_path = page_path.replace("/page/2/", "/continue/")
    ralph, endpoint = start_ralph(module_page.VAR / "ralph")
    closed = f"http://127.0.0.1:{module_page.free_port()}/xapi"  # nothing listens there
    results = {"up": [], "down": []}
    try:
        order = [("up", endpoint), ("down", closed)]
        for round_ in range(args.rounds):
            for name, target in order if round_ % 2 == 0 else order[::-1]:
                port = module_page.free_port()
                processes = serve(target, port)
                try:
                    module_page.load(port, continue_path, cookie, 2, 8)  # warm up
                    rate, errors = module_page.load(port, continue_path, cookie, args.seconds, 8)
                    results[name].append(rate)
                    print(f"  LRS {name:<4} {rate:7.1f} req/s (errors {errors})", flush=True)
                finally:
                    for process in processes:
                        process.terminate()
                        process.wait(timeout=20)
    finally:
        ralph.terminate()
        ralph.wait()
    up, down = statistics.median(results["up"]), statistics.median(results["down"])
    print(
        f"a request that records a statement ({continue_path}), "
        f"median of {args.rounds} x {args.seconds} s:"
    )
    print(f"  LRS up:    {up:7.1f} req/s")
    print(f"  LRS down:  {down:7.1f} req/s")
    print(f"  down is {100 * (up - down) / up:+.1f} % slower than up (target: at most 10 %)")


if __name__ == "__main__":
    main()
