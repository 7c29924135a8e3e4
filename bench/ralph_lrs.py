"""Run Ralph (ralph-malph 5.1) as a local LRS on 127.0.0.1, for integration tests and
the forwarding benchmark. Runs in Ralph's own venv (``make ralph-venv``):

    var/ralph-venv/bin/python bench/ralph_lrs.py --port 8100 --dir /tmp/ralph \
        --username ralph --password secret

Two things differ from ``ralph runserver``: the file-system backend appends (its default
operation refuses every write after the first), and uvicorn runs without reload.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()

    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    auth_file = folder / "auth.json"
    os.environ.update(
        {
            "RALPH_APP_DIR": str(folder),
            "RALPH_AUTH_FILE": str(auth_file),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder),
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "false",
        }
    )
    if not auth_file.exists():
        ralph = Path(sys.executable).with_name("ralph")
        subprocess.run(  # noqa: S603 - fixed arguments
            [
                str(ralph),
                "auth",
                "-u",
                args.username,
                "-p",
                args.password,
                "-s",
                "all",
                "-M",
                "mailto:forwarder@arbeidsmiljo-lms.no",
                "-w",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    import uvicorn
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend

    FSDataBackend.default_operation_type = BaseOperationType.APPEND
    uvicorn.run(
        "ralph.api:app", host="127.0.0.1", port=args.port, reload=False, log_level="warning"
    )


if __name__ == "__main__":
    main()
