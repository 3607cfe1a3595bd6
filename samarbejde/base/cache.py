"""The program's own cache: files it made in the user's data folder to skip work the next
time (the bundled guide read as JSON instead of parsed as YAML; the sessions' validated copies
in `sessions.store`).

A cache file is only ever a shortcut: it is trusted only when it and its folders are this
user's and no one else may write them (`ours`), it is read as hostile (bounded, parsed, and
checked by the caller against what it stands for), and anything wrong with it means the work is
done the long way, never an error the user sees.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

CACHE = "cache"  # the folder in the data folder
_KEPT = re.compile(r"[0-9a-f]{32}\.json")  # a name the cache gives
MAX_JSON = 4 * 1024 * 1024  # far above the guide's JSON (~60 KB)


def checksum(*parts: bytes) -> str:
    """A name for these bytes in the cache: two checksums and the length, 32 hex digits.
    zlib's, in C and loaded already: hashlib would load OpenSSL, a tenth of `--help`. Not
    against forgery (a cache no one else can write is trusted, `read_json`): a mix-up would
    only bring back what an older version of the same file gave."""
    import zlib

    crc = adler = 1
    size = 0
    for part in parts:
        crc, adler, size = zlib.crc32(part, crc), zlib.adler32(part, adler), size + len(part)
    return f"{crc:08x}{adler:08x}{size & 0xFFFF_FFFF_FFFF_FFFF:016x}"


def data_home() -> Path | None:
    """`SAMARBEJDE_HOME` (`~` expanded), or the platform's user data folder; None where the
    `~user` it begins with is no user of this system (then nothing is cached, and
    `runner.env.default_home` says so where the folder itself is needed)."""
    home = os.environ.get("SAMARBEJDE_HOME")
    if home:
        try:
            return Path(home).expanduser()
        except RuntimeError:  # pathlib's word for an unknown `~user`
            return None
    from platformdirs import user_data_path

    return user_data_path("samarbejde", appauthor=False)


def ours(info: os.stat_result) -> bool:
    """Made by this user and writable by no one else (where the system has owners)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the folder's own permissions decide
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def own_folder(folder: Path) -> bool:
    """A real folder (not a link to one) of this user's that no one else may write in."""
    info = folder.lstat()
    return stat.S_ISDIR(info.st_mode) and ours(info)


def read_json(home: Path | None, part: str, name: str) -> Any | None:
    """The data kept as `<home>/cache/<part>/<name>.json`, or None when there is none this
    user can trust (see the module's doc) or no data folder (`data_home`)."""
    if home is None:
        return None
    folder = home / CACHE / part
    path = folder / f"{name}.json"
    try:
        if not (own_folder(home / CACHE) and own_folder(folder)):
            return None
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or not ours(info) or info.st_size > MAX_JSON:
            return None
        with open(path, "rb") as fh:
            return json.loads(fh.read(MAX_JSON + 1))
    except (OSError, ValueError, RecursionError):
        return None


def write_json(
    home: Path | None, part: str, name: str, data: Any, alone: bool = False, most: int | None = None
) -> None:
    """Keep `data` as `<home>/cache/<part>/<name>.json`, private to this user, when the data
    folder is there already (a first `--help` creates nothing) and JSON gives back exactly
    `data`; where it cannot be written, the program goes without. `alone`: the other files
    the cache kept there (named as `name` is: 32 hex digits) are removed, e.g. the guide of
    the version before; `most`: so are they when there are more than `most` (a cache of
    many small texts that never grows without end)."""
    if home is None or not home.is_dir():  # a first run ever writes nothing, turns nothing to JSON
        return
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != data:  # a key or value JSON would change (1: → "1":)
            return
    except (TypeError, ValueError, RecursionError):
        return
    folder = home / CACHE / part
    path = folder / f"{name}.json"
    temp = folder / f".{name}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        for step in (home / CACHE, folder):  # each made 0700 (not umask's)
            os.makedirs(step, mode=0o700, exist_ok=True)
            if not own_folder(step):  # a link or a folder another may change: no cache
                return
        if path.is_symlink() or (path.exists() and not path.is_file()):
            return  # not ours to replace
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
            os.replace(temp, path)  # whole or not at all; Windows replaces too
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        if alone or most is not None:
            others = [
                other
                for other in folder.iterdir()
                if other != path and _KEPT.fullmatch(other.name) and other.is_file()
            ]
            if alone or len(others) >= (most or 0):
                for other in others:
                    with contextlib.suppress(OSError):
                        other.unlink()
