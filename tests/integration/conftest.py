"""A real Ralph LRS (ralph-malph 5.1) on 127.0.0.1, started from its own venv.

`make ralph-venv` makes it (CI does); without it these tests are skipped, except in CI.
"""

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
RALPH_PYTHON = Path(os.environ.get("RALPH_PYTHON", ROOT / "var" / "ralph-venv" / "bin" / "python"))
USERNAME, PASSWORD = "forwarder", "ralph-test-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Ralph:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own launcher
            [
                str(RALPH_PYTHON),
                str(ROOT / "bench" / "ralph_lrs.py"),
                "--port",
                str(self.port),
                "--dir",
                str(self.folder),
                "--username",
                USERNAME,
                "--password",
                PASSWORD,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Ralph imports a lot: on a busy machine (load 26 on two cores) it took 40 s alone.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1).is_success:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()  # no fixture teardown follows a failed start: leave no Ralph behind
        raise RuntimeError("Ralph did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def all_statements(self) -> list[dict]:
        out, url = [], f"{self.endpoint}/statements?limit=500"
        with httpx.Client(
            auth=(USERNAME, PASSWORD), headers={"X-Experience-API-Version": "1.0.3"}, timeout=10
        ) as client:
            while url:
                body = client.get(url).json()
                out += body["statements"]
                more = body.get("more")
                url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return out


@pytest.fixture
def ralph(tmp_path, settings):
    if not RALPH_PYTHON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Ralph is required in CI: no {RALPH_PYTHON} (make ralph-venv)")
        pytest.skip(f"no Ralph venv at {RALPH_PYTHON} (make ralph-venv)")
    server = Ralph(tmp_path / "ralph")
    server.start()
    settings.XAPI_LRS_ENDPOINT = server.endpoint
    settings.XAPI_LRS_USERNAME = USERNAME
    settings.XAPI_LRS_PASSWORD = PASSWORD
    yield server
    server.stop()
