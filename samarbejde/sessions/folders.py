"""Private and team folders: the modes and the group a new folder or file gets, and what a
save keeps of the file it replaces.

The rule: a folder is a team folder when, on a system with modes (not Windows), it is
group-writable or has the setgid bit (`chmod 2770`, as IT sets up a shared drive for a
group). The sessions folder decides for everything in it; before it exists, the folder that
will hold it (the data folder, `SAMARBEJDE_HOME`) decides.

- In a team folder, a new folder is 2770 (setgid: what is made in it keeps the group) and a
  new file 0660, both in the folder's group, whatever the umask.
- Anywhere else, a new folder is 0700 and a new file 0600, as always.
- A save that replaces a file keeps the file's mode and group; in a team folder the group may
  always read and write it (a file made before the folder was shared is opened to the group
  the first time it is saved).

On Windows there are no modes: nothing here does anything there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from samarbejde.base.errors import Msg, SessionError

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
TEAM_FOLDER, TEAM_FILE = 0o2770, 0o660
HAS_MODES = os.name != "nt"


class Modes(NamedTuple):
    """What a new folder and a new file get in one folder, and their group (None: the
    user's own)."""

    folder: int
    file: int
    group: int | None = None

    @property
    def team(self) -> bool:
        return self.group is not None


PRIVATE = Modes(PRIVATE_FOLDER, PRIVATE_FILE)


def is_team(info: os.stat_result) -> bool:
    """Group-writable or setgid: a folder shared with a group; never one anyone may write in
    (/tmp, or a folder a umask of 000 made): that is no team's."""
    return bool(info.st_mode & (stat.S_IWGRP | stat.S_ISGID)) and not info.st_mode & stat.S_IWOTH


def open_to_others(folder: Path) -> bool:
    """Could another user swap what is in `folder` (the sessions folder)? When anyone may
    write in it; when another user owns it and it is no team folder; or when anyone may write
    in the folder holding it without the sticky bit (they could replace the folder itself).
    On Windows there are no modes (the data folder is in the user's own profile): never."""
    if not HAS_MODES:
        return False
    try:
        info = folder.stat()  # a link: the folder it points to
    except OSError:
        return False
    if info.st_mode & stat.S_IWOTH:
        return True
    if info.st_uid != os.getuid() and not is_team(info):  # not on Windows: returned above
        return True
    try:
        above = folder.resolve().parent.stat()
    except OSError:
        return False
    return bool(above.st_mode & stat.S_IWOTH and not above.st_mode & stat.S_ISVTX)


def modes_for(folder: Path) -> Modes:
    """The modes in `folder`: decided by it, or, where it does not exist yet, by the
    nearest folder above it that does."""
    if not HAS_MODES:
        return PRIVATE
    for candidate in (folder, *folder.parents):
        try:
            info = candidate.stat()
        except FileNotFoundError:
            continue
        except OSError:
            return PRIVATE
        if not stat.S_ISDIR(info.st_mode):
            return PRIVATE
        return Modes(TEAM_FOLDER, TEAM_FILE, info.st_gid) if is_team(info) else PRIVATE
    return PRIVATE


def make_folder(folder: Path) -> None:
    """Make `folder` (and the folders above it) with the modes of where it is made. Raises
    OSError."""
    if folder.is_dir():
        return
    missing = [folder]
    missing += [p for p in folder.parents if not p.exists()]
    for path in reversed(missing):
        modes = modes_for(path.parent)
        try:
            path.mkdir(mode=modes.folder & 0o777)
        except FileExistsError:
            if path.is_dir():
                continue
            raise
        if modes.team:  # whatever the umask: the group may work in it, and keeps its group
            _set_group(path, modes.group)
            os.chmod(path, modes.folder)


def file_mode(path: Path) -> tuple[int, int | None]:
    """The mode and group a file written at `path` gets: those of the file it replaces
    (opened to the group in a team folder), else the folder's new-file mode and group."""
    if not HAS_MODES:
        return PRIVATE_FILE, None
    modes = modes_for(path.parent)
    try:
        old = path.stat()
    except OSError:
        return modes.file, modes.group
    mode = stat.S_IMODE(old.st_mode) & 0o777
    if modes.team:
        return mode | TEAM_FILE, old.st_gid
    return mode, None


def apply(fd: int, mode: int, group: int | None) -> None:
    """Give the open file its mode and group (a group this user is not in is left as it is)."""
    if not HAS_MODES:
        return
    if group is not None:
        with contextlib.suppress(OSError):
            if os.fstat(fd).st_gid != group:
                os.fchown(fd, -1, group)
    os.fchmod(fd, mode)  # not on Windows: HAS_MODES is False there (returned above)


def _set_group(path: Path, group: int | None) -> None:
    if group is None:
        return
    with contextlib.suppress(OSError):
        if path.stat().st_gid != group:
            os.chown(path, -1, group)


def denied(err: SessionError, exc: OSError, folder: Path) -> SessionError:
    """`err`, with what to ask IT when `exc` is a permission error in `folder`."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        err.details.append(Msg("error_ask_it", {"folder": folder}))
    return err
