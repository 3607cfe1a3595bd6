"""Error types. Each carries a message key (its Danish text is in the content) and an exit code."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .schema import Problem

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class Msg(NamedTuple):
    """A message to show: a key into the content's `ui` texts and its parameters.

    A parameter may itself be a `Msg`; it is rendered first.
    """

    key: str
    params: Mapping[str, object] = MappingProxyType({})


def problem_msg(problem: Problem) -> tuple[str, Msg]:
    """A validation problem as (place, fault message)."""
    params: dict[str, object] = dict(problem.params)
    if problem.fault == "type":
        params["expected"] = Msg("type_" + problem.params.get("expected", "str"))
        params["got"] = Msg("type_" + problem.params.get("got", "str"))
    return problem.place, Msg("fault_" + problem.fault, params)


def os_detail(exc: OSError) -> Msg:
    """An OS error as a message: a known errno gets Danish words, others the system's own."""
    import errno

    names = {
        errno.ENOENT: "os_enoent",
        errno.EACCES: "os_eacces",
        errno.EPERM: "os_eacces",
        errno.EISDIR: "os_eisdir",
        errno.ENOSPC: "os_enospc",
        errno.EROFS: "os_erofs",
        errno.ENOTDIR: "os_enotdir",
        errno.ELOOP: "os_eloop",
    }
    key = names.get(exc.errno or 0)
    if key:
        return Msg(key)
    return Msg("os_other", {"detail": exc.strerror or str(exc)})


class SamarbejdeError(Exception):
    exit_code = EXIT_USER

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.msg = Msg(key, params)
        self.details: list[Msg] = []


class ContentError(SamarbejdeError):
    """The guide's content file is missing, unreadable or invalid."""

    @classmethod
    def invalid(cls, path: Path, problems: list[Problem]) -> ContentError:
        place, fault = problem_msg(problems[0])
        err = cls("error_content", path=path, place=place, fault=fault)
        for problem in problems[1:]:
            place, fault = problem_msg(problem)
            err.details.append(Msg("error_reason_invalid", {"place": place, "fault": fault}))
        return err


class SessionError(SamarbejdeError):
    """A session file that cannot be read, found or written."""


class UsageError(SamarbejdeError):
    exit_code = EXIT_USAGE
