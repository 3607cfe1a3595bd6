"""The HTML report as a screen reader gets it: axe-core (pinned in tests/package.json, installed
by `npm ci`) run in the headless Chromium the print tests use, and Chromium's own
accessibility tree, read over the DevTools protocol on a pipe (no port, no network)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.reports.render import html_report
from samarbejde.sessions.store import Store
from tests.helpers.browser import chromium
from tests.helpers.program import FIXTURES, TESTS

TODAY = dt.date(2026, 11, 28)
AXE = TESTS / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = json.loads((TESTS / "package.json").read_text())["dependencies"]["axe-core"]
# WCAG 2.1 A and AA, which webtilgængelighedsloven asks for (EN 301 549), and axe's best practice
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="the DevTools pipe is set up for POSIX"),
    # (in CI it runs, and fails without Chromium: .ci/run installs it)
    pytest.mark.skipif(
        chromium() is None and not os.environ.get("CI"),
        reason="no Chromium here (.ci/run installs Debian's)",
    ),
]


def axe_source() -> str:
    """axe-core's script; `npm ci` in tests/ when it is not there yet. Skips only where node and
    npm are missing, and never in CI (.ci/run installs them)."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("CI must run axe-core: npm is missing (.ci/run installs it)")
            pytest.skip("no node/npm here to install axe-core (.ci/run installs them)")
        from filelock import FileLock

        with FileLock(str(TESTS / ".npm.lock")):  # test processes side by side install once
            if not AXE.exists():
                subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=TESTS, check=True,
                               capture_output=True, timeout=300)  # fmt: skip
    source = AXE.read_text(encoding="utf-8")
    assert f"axe v{AXE_VERSION}" in source[:200]  # the pinned version, not some other
    return source


class Chromium:
    """Headless Chromium driven over --remote-debugging-pipe: requests on fd 3, answers on fd
    4, each a JSON message ended by a NUL byte."""

    def __init__(self, profile: Path, url: str) -> None:
        import fcntl

        to_child, self.writer = os.pipe()
        self.reader, from_child = os.pipe()
        # the child's ends above 3 and 4, so that dup2 never meets itself (and leaves them
        # inheritable): os.pipe may well have given 3 or 4
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_child, from_child)]
        os.close(to_child)
        os.close(from_child)
        to_child, from_child = high

        def pipes() -> None:  # in the child, before exec: the protocol's two descriptors
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        exe = chromium()
        assert exe is not None, "CI must run the accessibility test: Chromium is missing"
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=pipes,  # (a test: no threads to upset)
            close_fds=False,  # Python's own descriptors are not inherited (PEP 446)
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(profile)},
        )  # fmt: skip
        os.close(to_child)
        os.close(from_child)
        self.buffer = b""
        self.next_id = 0
        self.events: list[str] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send("Page.enable", self.session)
        self.send("Page.navigate", self.session, url=url)
        while "Page.loadEventFired" not in self.events:
            self.receive()

    def receive(self) -> dict:
        while b"\0" not in self.buffer:
            chunk = os.read(self.reader, 1 << 20)
            assert chunk, "Chromium closed the pipe"
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append(message["method"])
        return message

    def send(self, method: str, session: str | None = None, **params: Any) -> dict:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.receive()
            if answer.get("id") == self.next_id:
                assert "error" not in answer, answer["error"]
                return answer["result"]

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", self.session, expression=expression,
                           awaitPromise=True, returnByValue=True)  # fmt: skip
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.writer)
        os.close(self.reader)


LOADED = """new Promise(done => document.readyState === "complete" ? done()
                                 : addEventListener("load", () => done()))"""


def inspect(page: Path, tmp_path: Path) -> tuple[list[dict], list[dict], dict]:
    """axe-core's violations, Chromium's accessibility tree and what the page shows: each
    post-it's border, the board cells' sizes."""
    browser = Chromium(tmp_path / "profile", page.as_uri())
    try:
        browser.evaluate(LOADED)
        browser.evaluate(axe_source() + ";0")
        found = browser.evaluate(
            f"axe.run(document, {{runOnly: {json.dumps(AXE_TAGS)}, resultTypes: ['violations']}})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.html.slice(0, 120))})))"
        )
        browser.send("Accessibility.enable", browser.session)
        tree = browser.send("Accessibility.getFullAXTree", browser.session)["nodes"]
        borders = browser.evaluate(
            "Object.fromEntries([...document.querySelectorAll('.postit')].map(e =>"
            " [e.className + ' ' + (e.closest('.legend, .board, .by-quadrant, .partner, .path')"
            "  || {className: 'other'}).className.split(' ')[0],"
            "  getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth]))"
        )
        borders["cells"] = browser.evaluate(
            "[...document.querySelectorAll('.board .cell')].map(e => {"
            " const r = e.getBoundingClientRect(); return [Math.round(r.width),"
            " Math.round(r.height)] })"
        )
    finally:
        browser.close()
    return found, tree, borders


# Roles whose children are presentational (WAI-ARIA 1.2): a reader hears the name only
LEAVES = {
    "image", "img", "button", "checkbox", "radio", "switch", "progressbar", "separator",
    "slider", "math", "meter", "menuitemcheckbox", "menuitemradio", "scrollbar", "tab",
}  # fmt: skip


def spoken(tree: list[dict]) -> str:
    """All the text a screen reader can reach, in reading order: the text nodes Chromium does
    not ignore, from the root down; of a role with presentational children, its name."""
    nodes = {node["nodeId"]: node for node in tree}
    words, todo = [], [tree[0]["nodeId"]]
    while todo:
        node = nodes.get(todo.pop())
        if node is None:
            continue
        role = node.get("role", {}).get("value")
        name = " ".join(str(node.get("name", {}).get("value", "")).split())
        if not node.get("ignored") and (role == "StaticText" or role in LEAVES):
            words.append(name)
        if role not in LEAVES:
            todo += reversed(node.get("childIds", []))
    return " ".join(words)


# the 60-partner session is the long form (CI, `--slow`); the typical 9 always
@pytest.mark.parametrize(
    "fixture", ["report_9.yaml", pytest.param("report_60.yaml", marks=pytest.mark.slow)]
)
def test_axe_finds_nothing_and_a_reader_hears_every_partner(
    store: Store, tmp_path: Path, fixture: str
) -> None:
    guide = load_guide()
    session = store.load(FIXTURES / fixture)
    page = tmp_path / "rapport.html"
    page.write_text(html_report(session, guide, TODAY), encoding="utf-8")
    violations, tree, borders = inspect(page, tmp_path)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    text = spoken(tree)
    # every partner on the board, by name, with its number, under its quadrant's name
    overview = text.split("Diagrammet som liste, kvadrant for kvadrant")[1]
    overview = overview.split("Højeste prioritet")[0]
    for r in session.ranked(guide):
        assert f" {r.priority} {' '.join(r.name.split())} " in overview, r
    for q in guide.diagram.quadrants:
        assert q.name in overview
    # the checklist's state in words, not only ☑/☐
    assert text.count("ikke udført:") >= 1 and len(re.findall("(?<!ikke )udført:", text)) >= 1
    assert "☑" not in text and "☐" not in text
    # no role="img" that would hide the post-its: the drawing is aria-hidden, the list says it
    assert not [n for n in tree if n.get("role", {}).get("value") == "image"]
    # black and white: each quadrant's post-its have their own border, and the legend the same
    for q in guide.diagram.quadrants:
        styles = {style for key, style in borders.items() if f"p-{q.id} " in key}
        assert len(styles) == 1, (q.id, styles)
    assert len({next(s for k, s in borders.items() if f"p-{q.id} legend" in k)
                for q in guide.diagram.quadrants}) == 4  # fmt: skip
    # the board's columns and rows are all alike (columns 1–2 were 1.5 times as wide)
    cells = borders["cells"]
    assert len(cells) == 25
    assert max(w for w, _ in cells) - min(w for w, _ in cells) <= 1, cells
    assert max(h for _, h in cells) - min(h for _, h in cells) <= 1, cells


def test_the_check_can_fail(tmp_path: Path) -> None:
    """axe really runs: a page with the faults the report avoids is reported, and a role="img"
    hides the post-its inside it from the tree."""
    page = tmp_path / "fejl.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="x.png">'
        '<p style="color:#aaa">lys tekst</p><div role="img" aria-label="Diagram">'
        '<span class="postit">1 Skjult Partner</span></div></main></body></html>',
        encoding="utf-8",
    )
    violations, tree, _ = inspect(page, tmp_path)
    assert {"html-has-lang", "image-alt", "color-contrast"} <= {v["id"] for v in violations}
    assert "Skjult Partner" not in spoken(tree)


def test_the_health_trend_chart_passes_axe_and_its_table_has_every_rating(
    store: Store, tmp_path: Path
) -> None:
    """The health check's trend: an SVG picture with a name and a description (role="img"),
    and a table after it with every rating; a round with one item rated is a point only."""
    guide = load_guide()
    session = store.load(FIXTURES / "report_9.yaml")
    ratings = [
        {"faelles_grund": 2, "forskelle": 3, "snak_ofte": 4, "ledelsen": 1, "spilleregler": 5},
        {"faelles_grund": 4, "forskelle": 3, "snak_ofte": 2, "evaluer": 5, "spilleregler": 4},
    ]
    for rnd, rated in zip(session.rounds, ratings, strict=True):
        rnd.ratings = rated
    page = tmp_path / "rapport.html"
    html = html_report(session, guide, TODAY)
    page.write_text(html, encoding="utf-8")
    violations, tree, _ = inspect(page, tmp_path)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    images = [n for n in tree if n.get("role", {}).get("value") == "image"]
    assert [n["name"]["value"] for n in images] == ["Sundhedstjekket over tid, punkt for punkt"]
    text = spoken(tree)
    table = text.split("Vurderingerne som tabel")[1]
    assert "Punkt 20-10-2026 20-11-2026" in table
    for number, item in enumerate(guide.checklist, 1):
        values = " ".join(str(r.get(item.id, "–")) for r in ratings)
        assert f"{number}. {item.title} {values}" in table, item.id
    # "Evaluer og juster løbende" was rated once: a dot, and no line from it
    chart = html.split('<figure class="health-chart">')[1].split("</figure>")[0]
    panels = chart.split("<g>")[1:]
    assert panels[3].count("<circle") == 1 and 'stroke="#1565c0"' not in panels[3]
    assert panels[0].count("<circle") == 2 and panels[0].count('stroke="#1565c0"') == 1


def test_the_comparison_with_the_health_check_passes_axe(tmp_path: Path) -> None:
    """The comparison's health table (A, B, gap, changes) is a table with headers."""
    from samarbejde.reports.compare import compare
    from samarbejde.reports.compare_doc import html as compare_html
    from samarbejde.sessions.model import Round
    from samarbejde.sessions.sides import side_of_session
    from tests.helpers.compare_fixtures import forening, kommune

    guide = load_guide()
    a, b = kommune(), forening()
    a.rounds.append(Round(date=TODAY, ratings={"snak_ofte": 4, "ledelsen": 2}, finished=True))
    b.rounds = [Round(date=TODAY, ratings={"snak_ofte": 2}, comments={"snak_ofte": "For sjældent"},
                      finished=True)]  # fmt: skip
    c = compare(side_of_session(a, guide), side_of_session(b, guide), guide)
    page = tmp_path / "sammenligning.html"
    page.write_text(compare_html(c, guide, TODAY), encoding="utf-8")
    violations, tree, _ = inspect(page, tmp_path)
    # (the comparison's actor and step 1 tables have an empty corner header, axe's best
    # practice "empty-table-header": older than the health check, left to their module)
    found = [v for v in violations if v["id"] != "empty-table-header"]
    assert found == [], json.dumps(found, indent=1, ensure_ascii=False)
    health = page.read_text(encoding="utf-8").split('<section id="sundhedstjek">')[1]
    assert '<th scope="col"></th>' not in health.split("</section>")[0]
    text = spoken(tree)
    assert "Sundhedstjekket side om side" in text and "3. Snak sammen ofte 4 2 2" in text
    assert 'B om "Snak sammen ofte": For sjældent' in text


@pytest.mark.parametrize("short", [False, True])
def test_the_agreement_and_its_one_page_pass_axe(store: Store, tmp_path: Path, short: bool):
    """The samarbejdsaftale's HTML (its "Skal drøftes" marks, parties, signature blocks) and
    the one page for the people who do the work, as a screen reader gets them."""
    from samarbejde.flows.agreement import suggestion
    from samarbejde.reports import agreement, agreement_short
    from samarbejde.sessions.model import Agreement, AgreementPart

    guide = load_guide()
    session = store.load(FIXTURES / "session_v1.yaml")
    session.agreement = Agreement(partner="p1", children=True, adults=True)
    for n, section in enumerate(session.agreement_sections(guide)):
        text = suggestion(session, guide, section.id) or "Aftalt på mødet."
        status = ("in_place", "partly", "not_relevant" if section.optional else "partly")[n % 3]
        session.agreement.sections[section.id] = AgreementPart(text=text, status=status)
    page = tmp_path / "aftale.html"
    if short:
        one_page = agreement_short.build_short(session, guide, TODAY)
        page.write_text(agreement_short.render(one_page, "html"), encoding="utf-8")
    else:
        doc = agreement.build(session, guide, TODAY)
        page.write_text(agreement.render(doc, "html"), encoding="utf-8")
    violations, tree, _ = inspect(page, tmp_path)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    text = spoken(tree)
    if short:
        assert "Hvem ringer I til?" in text and "skærpet underretningspligt" in text
    else:
        assert "Skal drøftes" in text and "Navn og titel" in text
        assert "Udkast af 28. november 2026" in text
