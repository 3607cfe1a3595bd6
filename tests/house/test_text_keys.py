"""Text keys that cannot be mistyped: every key the program names exists in the bundled
content's `ui`, and every key there is used.

The check reads the package's syntax trees (`ast`) and the report templates' (Jinja2's own
parser), not their text. A key is named:

- as an argument of a call that takes one (`SINKS`: the texts, `Msg`, the errors, the helpers
  whose parameter is a key), either branch of `a if c else b` and `a or b` included;
- in a variable, keyword or default that holds one (`KEY_NAME`: `hint_key = …`), a `for key
  in (…)` loop over literals, or a table of keys (`_LABELS`);
- as an index of a texts mapping (`t["overdue"]`), or compared with a message's key
  (`err.msg.key == "yaml_big"`);
- in a template, as `t.name`, `texts.name`, `t["name"]` or `t("name")`;
- built from a prefix (`"status_" + s.status`, `f"share_section_{s}"`): the prefix must be
  one of `DYNAMIC`, each of whose completions must exist.

Any other string literal shaped like a key of a known family (`compare_…`, `error_…`) must be a
key, a prefix in `DYNAMIC`, or one of the few `NOT_KEYS`: a typo in a table or a comparison is
caught too.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes

import samarbejde
from samarbejde.base.ids import DONE, STARTED, TODO
from samarbejde.flows.import_actors import FIELDS as IMPORT_FIELDS
from samarbejde.guide.texts import bundled_data, templates_dir
from samarbejde.guide.validation import OWN_FAULTS, type_name
from samarbejde.sessions.share import SECTIONS

PACKAGE = Path(samarbejde.__file__).resolve().parent


@dataclass(frozen=True)
class Sink:
    """Where a callee takes a text key: argument positions, keyword names, and the prefix the
    key gets (a fault id `missing` is the text `fault_missing`)."""

    positions: tuple[int, ...] = (0,)
    keywords: tuple[str, ...] = ("key",)
    prefix: str = ""


# Callees that take a text key, by the last part of their name (`flow.t`, `guide.texts`).
SINKS = {
    # the texts themselves: `t = guide.texts`, `flow.t`, `env.texts`, `cli.app.T`
    "t": Sink(),
    "T": Sink(),
    "texts": Sink(),
    "has": Sink(),
    "Msg": Sink(),
    # the errors carry a key
    "SamarbejdeError": Sink(),
    "ContentError": Sink(),
    "SessionError": Sink(),
    "UsageError": Sink(),
    "YamlError": Sink(),
    "CommandLineError": Sink((1,)),
    "refuse": Sink(),  # sessions.store, sessions.share: a SessionError for a file
    "Problem": Sink((1,), ("fault",), prefix="fault_"),
    # helpers whose parameter is a key
    "_choice": Sink((1,)),  # cli.app: the message for a value not allowed
    "_format": Sink((1,)),  # cli.app: the message for a format not allowed
    "_session": Sink((0,), ("help_key",)),  # cli.app: an argument's help
    "_optional_text": Sink((0, 2), ("help_key", "metavar")),  # cli.app: an option's help
    "_score_option": Sink((0,), ("help_key",)),  # cli.app: a whole-number option's help
    "_choices": Sink((1,)),  # base.dates: a list of words
    "ticks": Sink((0,), ("label_key",)),  # steps.tjekliste: the checklist's question
    "_date": Sink((0,)),  # flows.agreement: a date question
    "choose_session": Sink((2,), ("question",)),  # runner.lifecycle: the question asked
    # question specs: a label or hint may be a key (runner.questions); `text` is the spec
    # helper's name and `Flow.text`'s, whose message at position 0 is no key
    "QuestionSpec": Sink((2,), ("label", "hint")),
    "text": Sink((1,), ("label", "hint")),
    # a flow's lifecycle (runner.lifecycle): the question choosing the session, a heading,
    # what is said at the end
    "run_flow": Sink((), ("choose_question", "heading", "done")),
    "open_flow": Sink((), ("choose_question",)),
    # the table of formats (reports.formats): what is said and refused, a file's name
    "Kind": Sink((2, 3), ("done", "refused", "done_markdown", "file_word")),
    "Format": Sink((), ("done", "terminal_key")),
}

# Functions with a parameter named like a key (`key`, `…_key`) that is not a text key. A new
# function taking a `key` must be a sink or be named here: a new key-taking API is not missed.
NOT_TEXT_KEYS = {
    "at": "the cursor's place in the session",
    "briefs": "the index's key for the content file",
    "_read": "the index's key for the content file",
    "_write": "the index's key for the content file",
    "opening": "the cursor's place to resume at",
    "run_step": "the cursor's place to resume at",
    "run": "the cursor's place to resume at",
    "_key": "a key of a mapping in a content file",
    "__call__": "Texts: a sink as `t`, `T` and `texts`",
}

# Variables, keywords and defaults that hold a text key (an empty text: none), and tables of
# keys; a `fault` is a fault id, the text `fault_<id>`.
KEY_NAME = re.compile(r"\w+_key|\w+_KEY|QUESTION|question|TOO_BIG|done")
KEY_PREFIX = {"fault": "fault_"}
KEY_TABLE = re.compile(r"\w*_LABELS|\w*_KEYS")
TEXTS_MAPPING = {"t", "texts"}  # `t["overdue"]`: a label looked up in a mapping of texts
LABEL_ALIASES = frozenset({"page", "of"})  # in those mappings: texts under another name

# Keys built from a prefix, with the ids that complete them.
TYPE_NAMES = ("str", "int", "bool", "float", "list", "mapping", "date", "datetime", "null")
DYNAMIC: dict[str, tuple[str, ...]] = {
    "status_": (DONE, STARTED, TODO),  # a step's status
    "fault_": OWN_FAULTS,  # validation's own faults; the others are `Problem`s with a literal
    "type_": TYPE_NAMES,  # validation.type_name and the types pydantic expects
    "share_section_": SECTIONS,  # the share file's sections
    "compare_kind_": ("health", "common", "differ", "brings"),  # reports.compare.Point's kinds
    "import_words_": IMPORT_FIELDS,  # flows.import_actors: the headings of each column
}

# Literals shaped like a key of a known family that are not text keys.
NOT_KEYS = {
    "table_columns": "a session field (`import --into`'s columns)",
    "help_option_names": "click's setting",
    "not_relevant": "an agreement section's status",
    "list_type": "pydantic's error type",
    "date_type": "pydantic's error type",
    "agreement_end": "an agenda item's kind",
    "agreement_notice": "an agenda item's kind",
    "partner_page": "a document kind's name (reports.formats)",
    "agreement_short": "a document kind's name (reports.formats)",
}

KEY_SHAPE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+_?")


@dataclass
class Found:
    uses: set[str] = field(default_factory=set)  # keys named (prefixes completed)
    faults: list[str] = field(default_factory=list)  # "where: what is wrong"


def ui_keys() -> set[str]:
    return set(bundled_data()["ui"])


def _families(keys: set[str]) -> set[str]:
    return {k.split("_")[0] for k in keys if "_" in k}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _loop_key(name: str) -> bool:
    return name == "key" or KEY_NAME.fullmatch(name) is not None


class _Checker(ast.NodeVisitor):
    def __init__(self, where: str, keys: set[str], found: Found) -> None:
        self.where, self.keys, self.found = where, keys, found
        self.families = _families(keys)
        self.seen: set[int] = set()  # literals already checked as keys

    def fault(self, node: ast.AST, text: str) -> None:
        self.found.faults.append(f"{self.where}:{getattr(node, 'lineno', 0)}: {text}")

    def key(
        self, node: ast.expr | None, prefix: str = "", allowed: frozenset[str] = frozenset()
    ) -> None:
        """`node` names a text key (after `prefix`)."""
        if node is None:
            return
        if isinstance(node, ast.IfExp):
            self.key(node.body, prefix, allowed)
            self.key(node.orelse, prefix, allowed)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                self.key(value, prefix, allowed)
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            for element in node.elts:
                self.key(element, prefix, allowed)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.seen.add(id(node))
            if node.value in allowed or not node.value:
                return
            key = prefix + node.value
            if key in self.keys:
                self.found.uses.add(key)
            else:
                self.fault(node, f"unknown text key {key!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            self.dynamic(node, node.left, prefix)
        elif isinstance(node, ast.JoinedStr):
            self.dynamic(node, node.values[0] if node.values else None, prefix)

    def dynamic(self, node: ast.expr, head: ast.expr | None, prefix: str) -> None:
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            self.seen.add(id(head))
            if prefix + head.value in DYNAMIC:
                return
            self.fault(node, f"text key built from {prefix + head.value!r}, not in DYNAMIC")
        else:
            self.fault(node, "text key built without a literal prefix")

    # -- where keys are named ------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        sink = SINKS.get(_name(node.func))
        if sink is not None:
            for position in sink.positions:
                if position < len(node.args):
                    self.key(node.args[position], sink.prefix)
            for keyword in node.keywords:
                if keyword.arg in sink.keywords:
                    self.key(keyword.value, sink.prefix)
        for keyword in node.keywords:
            if keyword.arg and KEY_NAME.fullmatch(keyword.arg):
                self.key(keyword.value)
        self.generic_visit(node)

    def _assigned(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        for target in targets:
            name = _name(target)
            if KEY_TABLE.fullmatch(name):
                self.key(value)
            elif isinstance(value, (ast.Constant, ast.IfExp, ast.BoolOp)) and (
                KEY_NAME.fullmatch(name) or name in KEY_PREFIX
            ):
                self.key(value, KEY_PREFIX.get(name, ""))

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.value)
        self.generic_visit(node)

    def visit_arguments(self, node: ast.arguments) -> None:
        positional = [*node.posonlyargs, *node.args]
        with_default = positional[len(positional) - len(node.defaults) :]
        pairs = list(zip(with_default, node.defaults, strict=True))
        pairs += [
            (a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults, strict=True) if d is not None
        ]
        for arg, default in pairs:
            if KEY_NAME.fullmatch(arg.arg):
                self.key(default)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        # `for key in ("a", "b")` and `for offset, key in ((0, "a"), …)`
        if isinstance(node.iter, (ast.Tuple, ast.List)):
            if isinstance(node.target, ast.Name) and _loop_key(node.target.id):
                self.key(node.iter)
            elif isinstance(node.target, ast.Tuple):
                at = [i for i, t in enumerate(node.target.elts) if _loop_key(_name(t))]
                for row in node.iter.elts:
                    if isinstance(row, ast.Tuple) and at and at[0] < len(row.elts):
                        self.key(row.elts[at[0]])
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if _name(node.value) in TEXTS_MAPPING:
            self.key(node.slice, allowed=LABEL_ALIASES)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if _name(node.left) == "key" and isinstance(node.left, ast.Attribute):
            for comparator in node.comparators:
                self.key(comparator)
        self.generic_visit(node)

    # -- everything else shaped like a key -------------------------------------------------

    def rest(self, tree: ast.AST) -> None:
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                not isinstance(node, ast.Constant)
                or not isinstance(node.value, str)
                or id(node) in self.seen | docstrings
            ):
                continue
            text = node.value
            if text in self.keys:
                self.found.uses.add(text)
            elif (
                KEY_SHAPE.fullmatch(text)
                and text.split("_")[0] in self.families
                and text not in DYNAMIC
                and text not in NOT_KEYS
            ):
                self.fault(node, f"unknown text key {text!r}")


def check_source(source: str, where: str, keys: set[str], found: Found | None = None) -> Found:
    """The text keys a module's source names, and its faults (unknown keys)."""
    found = found if found is not None else Found()
    tree = ast.parse(source)
    checker = _Checker(where, keys, found)
    checker.visit(tree)
    checker.rest(tree)
    for name, node in _functions(tree):
        args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        named = any(a.arg == "key" or a.arg.endswith("_key") for a in args)
        if named and name not in SINKS and name not in NOT_TEXT_KEYS:
            checker.fault(node, f"{name}() takes a key: add it to SINKS or NOT_TEXT_KEYS")
    return found


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _functions(tree: ast.AST) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function with the name it is called by: a class's `__init__` by the class's."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, *FUNCTIONS)):
            for child in node.body:
                if isinstance(child, FUNCTIONS):
                    init = child.name == "__init__" and isinstance(node, ast.ClassDef)
                    yield (getattr(node, "name", "") if init else child.name), child


def _template_keys(source: str) -> Iterator[tuple[int, str]]:
    """The labels a template names: `t.x`, `texts.x`, `t["x"]`, `t("x")`."""
    tree = jinja2.Environment().parse(source)
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call)):
        if isinstance(node, nodes.Getattr):
            base, name = node.node, node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            base, name = node.node, node.arg.value
        elif isinstance(node, nodes.Call) and node.args and isinstance(node.args[0], nodes.Const):
            base, name = node.node, node.args[0].value
        else:
            continue
        if isinstance(base, nodes.Name) and base.name in TEXTS_MAPPING and isinstance(name, str):
            yield node.lineno, name


def check_template(source: str, where: str, keys: set[str], found: Found) -> Found:
    for line, name in _template_keys(source):
        if name in keys:
            found.uses.add(name)
        elif name not in LABEL_ALIASES:
            found.faults.append(f"{where}:{line}: unknown text key {name!r}")
    return found


def check_package(keys: set[str]) -> Found:
    found = Found()
    for path in sorted(PACKAGE.rglob("*.py")):
        check_source(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)), keys, found)
    for path in sorted(templates_dir().glob("*.j2")):
        check_template(path.read_text(encoding="utf-8"), path.name, keys, found)
    for prefix, ids in DYNAMIC.items():
        for completion in ids:
            if prefix + completion in keys:
                found.uses.add(prefix + completion)
            else:
                found.faults.append(f"DYNAMIC: {prefix}{completion!r} is no text key")
    return found


# -- the tests ---------------------------------------------------------------------------------


def test_every_text_key_named_exists() -> None:
    keys = ui_keys()
    found = check_package(keys)
    assert found.faults == []
    assert len(found.uses) > 500


def test_the_type_names_are_those_validation_gives() -> None:
    samples = (None, True, 1, 1.5, "x", dt.datetime(2026, 1, 1), dt.date(2026, 1, 1), [], {})
    assert {type_name(value) for value in samples} == set(TYPE_NAMES)


def test_every_text_key_is_used() -> None:
    keys = ui_keys()
    unused = sorted(keys - check_package(keys).uses)
    assert unused == []


TYPOS = """
from samarbejde.base.errors import Msg, SessionError

def show(flow, guide, env, s, past, err):
    flow.t("wizard_welcom")
    t = guide.texts
    t("actors_none" if s else "actors_nne")
    env.texts(done_key or "export_dne")
    raise SessionError("error_no_session", name="x")
    hint_key = "outrech_date_hint"
    t("statu_" + s.status)
    t(f"share_sektion_{s}")
    columns = [("agenda_col_parter", 3)]
    if err.msg.key == "yaml_bigg":
        return Msg("fault_missing")

SPECS = [
    QuestionSpec("who", "text", "actor_ask_contact"),
    text("when", "contact_log_dat", get, put, hint="outreach_date_hnt"),
]
REPORT = Kind("report", FORMATS, done="export_don", refused="eror_export_format")

def _label(key: str) -> str:
    return key

class Refused(Exception):
    def __init__(self, key: str) -> None:
        self.key = key
"""


def test_a_mistyped_key_in_any_form_is_reported() -> None:
    found = check_source(TYPOS, "typos.py", ui_keys())
    said = "\n".join(found.faults)
    for wrong in (
        "'wizard_welcom'",
        "'actors_nne'",
        "'export_dne'",
        "'error_no_session'",
        "'outrech_date_hint'",
        "'statu_'",
        "'share_sektion_'",
        "'agenda_col_parter'",
        "'yaml_bigg'",
        "'actor_ask_contact'",
        "'contact_log_dat'",
        "'outreach_date_hnt'",
        "'export_don'",
        "'eror_export_format'",
        "_label() takes a key",
        "Refused() takes a key",
    ):
        assert wrong in said
    assert len(set(found.faults)) == 16  # a key both a sink and a key-named keyword takes: once
    assert {"actors_none", "fault_missing"} <= found.uses


def test_a_mistyped_key_in_a_template_is_reported() -> None:
    source = "{{ t.compare_who }} {{ texts.compare_whoo }} {{ t['page'] }} {{ t('no_answr') }}"
    found = check_template(source, "x.md.j2", ui_keys(), Found())
    assert found.faults == [
        "x.md.j2:1: unknown text key 'compare_whoo'",
        "x.md.j2:1: unknown text key 'no_answr'",
    ]
    assert found.uses == {"compare_who"}


def test_an_unused_key_is_reported() -> None:
    keys = ui_keys() | {"never_said_anywhere"}
    assert sorted(keys - check_package(keys).uses) == ["never_said_anywhere"]
