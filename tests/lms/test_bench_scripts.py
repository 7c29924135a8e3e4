"""The benchmark scripts import each other's helpers (faults.py takes lrs_ingest's
statements): importing one must not change the environment. lrs_ingest did (VAR_DIR,
XAPI_LRS_ENDPOINT=""), so the faults bench restarted its killed worker with forwarding
switched off, and "forwarding did not resume"."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_importing_a_bench_script_leaves_the_environment_alone():
    code = (
        "import os, sys\n"
        "sys.path.insert(0, 'bench')\n"
        "before = dict(os.environ)\n"
        "import common, faults, lrs_ingest\n"
        "print(sorted(k for k in {**before, **os.environ} if before.get(k) != os.environ.get(k)))\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
