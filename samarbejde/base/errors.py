"""Error types and exit codes. Each error carries a message key (its Danish text is in the
content) and an exit code; one handler in `cli` prints the message and exits with the code."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    USER = 1  # a user error with a clear message
    USAGE = 2  # wrong usage, or no terminal where one is needed
    INTERRUPTED = 130  # Ctrl-C (after saving)


class Msg(NamedTuple):
    """A message to show: a key into the content's `ui` texts and its parameters.

    A parameter may itself be a `Msg`; it is rendered first.
    """

    key: str
    params: Mapping[str, object] = MappingProxyType({})


class Problem(NamedTuple):
    """One fault found when checking a file: where (`steps[3].questions[1].id`) and what."""

    place: str
    fault: str  # missing | unknown | duplicate | type | value | missing_id
    params: Mapping[str, str] = MappingProxyType({})

    def msg(self) -> Msg:
        """The fault in words: `fault_<fault>`, with type names turned into words too."""
        params: dict[str, object] = dict(self.params)
        if self.fault == "type":
            params["expected"] = Msg("type_" + self.params.get("expected", "str"))
            params["got"] = Msg("type_" + self.params.get("got", "str"))
        return Msg("fault_" + self.fault, params)


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
        errno.ENAMETOOLONG: "os_enametoolong",
    }
    key = names.get(exc.errno or 0)
    if key:
        return Msg(key)
    return Msg("os_other", {"detail": exc.strerror or str(exc)})


class SamarbejdeError(Exception):
    exit_code = ExitCode.USER

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.msg = Msg(key, params)
        self.details: list[Msg] = []


class ContentError(SamarbejdeError):
    """The guide's content file is missing, unreadable or invalid."""

    @classmethod
    def invalid(cls, path: object, problems: list[Problem]) -> ContentError:
        first, *rest = problems
        err = cls("error_content", path=path, place=first.place, fault=first.msg())
        for problem in rest:
            err.details.append(
                Msg("error_reason_invalid", {"place": problem.place, "fault": problem.msg()})
            )
        return err


class SessionError(SamarbejdeError):
    """A session file that cannot be read, found or written."""


class UsageError(SamarbejdeError):
    exit_code = ExitCode.USAGE


class Interrupted(SamarbejdeError):
    """The user stopped the wizard at a prompt: Ctrl-C, Ctrl-D (the end of input: the wizard
    only runs in a terminal), or the window closed.

    `draft` is what was typed at a text prompt; the runner saves it with the session and
    sets the message to say how to carry on.
    """

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, draft: str = "") -> None:
        super().__init__("wizard_interrupted_nothing")
        self.draft = draft
