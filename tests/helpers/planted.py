"""A file of the program's cache spoilt as a teammate in a shared data folder could spoil it:
planted in a file others may write, behind a link, or in a folder others may write in."""

from __future__ import annotations

from pathlib import Path

WAYS = ("group_writable", "link", "folder_open")


def plant(copy: Path, text: str, way: str, elsewhere: Path) -> None:
    """`text` in the place of the cache's file `copy`, the `way` named (one of `WAYS`);
    `elsewhere`: where a link points."""
    if way == "group_writable":
        copy.write_text(text, encoding="utf-8")
        copy.chmod(0o620)
    elif way == "link":
        elsewhere.write_text(text, encoding="utf-8")
        copy.unlink()
        copy.symlink_to(elsewhere)
    elif way == "folder_open":
        copy.write_text(text, encoding="utf-8")
        copy.parent.chmod(0o777)
    else:
        raise ValueError(way)
