"""Build an offline wheelhouse: the samarbejde wheel and every wheel it needs, in one folder
that IT can copy to machines without internet and install with `pip install --no-index`.

    python tools/wheelhouse.py FOLDER [PLATFORM:PYTHON ...]

Without a platform, the wheels are for this machine's system and Python. With platforms, for
those, e.g. `win_amd64:3.12 macosx_11_0_arm64:3.12 manylinux2014_x86_64:3.11` (pip's platform
tags; every dependency ships binary wheels for them). Then, on the machine without internet:

    python -m pip install --no-index --find-links FOLDER samarbejde

Only pip is used (no other tool to approve). The folder is made if missing; wheels already in
it are kept. The exit code is pip's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0]).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)])
    if built.returncode:
        return built.returncode
    wheel = max(folder.glob("samarbejde-*.whl"), key=lambda p: p.stat().st_mtime)
    targets = [None] if len(argv) == 1 else [t.split(":", 1) for t in argv[1:]]
    for target in targets:
        command = [*pip, "download", "-q", "-d", str(folder), str(wheel)]
        if target is not None:
            platform, python = target if len(target) == 2 else (target[0], "3.12")
            command += ["--only-binary=:all:", "--platform", platform, "--python-version", python]
        done = subprocess.run(command)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
