"""The report as an editable Word document: the report model (`report_model.build`) written with
python-docx, so that it says what the Markdown and HTML reports say.

Headings are Word's own heading styles (the navigation pane and a table of contents find
them), the board is a 2×2 table of the quadrants, partners and contacts are tables, and the
checklist shows ☑/☐.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table
from docx.text.font import Font
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]  # (python-docx stands on it)

from samarbejde.base.terminal import clean
from samarbejde.guide.content import Guide, regional
from samarbejde.reports import report_model
from samarbejde.reports.report_model import Board
from samarbejde.sessions.model import Session
from samarbejde.steps import blocks
from samarbejde.steps.blocks import Dated, Grid, Plan, Question

PAGE_WIDTH_CM = 21.0 - 2 * 2.0  # A4 with 2 cm margins
OVERDUE_RED = RGBColor(0xB0, 0x00, 0x20)
# zlib's level for the file: python-docx's (zlib's default, 6). Level 3 would save 10 ms near
# 1 MB (4 ms, not 14 ms, for 2.8 MB of XML) but make the file 16-36 % larger: a file that is
# mailed is kept as small as python-docx makes it.
ZIP_LEVEL = 6
TABLE_TEXT = Pt(9)  # tables a little smaller than the text, so headers keep their words
# What XML 1.0 cannot hold; `clean` has made C0 and C1 visible already.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
# What `clean` or `_NOT_XML` changes (C0 but tab and newline, DEL, C1, the bidirectional
# overrides; what XML cannot hold): text with none of them is passed on as it is, found by
# one search (the 14,000 texts of the report near 1 MB: translating each took 20 ms).
_CHANGED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ufffe\uffff\ud800-\udfff]")


def text(value: object) -> str:
    value = str(value)
    if _CHANGED.search(value) is None:
        return value
    return _NOT_XML.sub("\ufffd", clean(value))


def docx_bytes(
    session: Session, guide: Guide, today: dt.date, now: dt.datetime | None = None
) -> bytes:
    """The Word file; `now` is the export time its properties give (midnight of `today`
    when not given)."""
    r = report_model.build(session, guide, today)
    when = now or dt.datetime.combine(today, dt.time())
    footer = (r.footer, r.texts["page"], r.texts["of"])
    doc = new_document(r.title, r.language, when, session.organisation, footer=footer)
    with FastDocument.lookups():
        Writer(doc, r).write()
    return finish(doc)


def new_document(
    title: str,
    language: str,
    now: dt.datetime,
    author: str = "",
    *,
    margin: float = 2.0,
    size: float = 10.5,
    space_after: float | None = 3,
    footer: tuple[str, str, str] | None = None,
) -> FastDocument:
    """Every Word document the program writes begins here: A4 with `margin` cm all round,
    `size` pt text (`space_after` pt after a paragraph, else the template's), the document's
    language (da-DK) as its default and in every style that names one, headings in a readable
    colour, and (with `footer`: the name and the words for "Side X af Y") page numbers.
    `finish` writes the rest: the language on every run and the file's own properties
    (`title`, made by `author` - the user's organisation - at `now`)."""
    doc = Document()
    section = doc.sections[0]  # the template's only section: US Letter until here
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    if space_after is not None:
        normal.paragraph_format.space_after = Pt(space_after)
    if footer is not None:
        page_numbers(section.footer.paragraphs[0], *footer)
    danish(doc, language)
    _readable(doc)
    return FastDocument(doc, Meta(title, language, author, now))


def finish(doc: FastDocument) -> bytes:
    """The file of a document begun by `new_document`: the language on every run, the
    program's own properties, nothing left over from python-docx's template."""
    meta = doc.meta
    with FastDocument.lookups():
        every_run(doc._doc, meta.language)
    properties(doc._doc, meta.title, meta.language, meta.now, meta.author)
    return doc.save()


@dataclass(frozen=True)
class Meta:
    """What `finish` writes into the file's properties."""

    title: str
    language: str
    author: str
    now: dt.datetime


def danish(doc: Any, language: str) -> None:
    """The document's language ("da" -> "da-DK") in its default run properties (what Word's
    proofing and a screen reader's voice go by), in every style that names a language (the
    template's say en-US), and in its core properties. Runs added later inherit it;
    `every_run` writes it on each run too."""
    tag = regional(language)
    styles = doc.styles.element
    default = styles.find(qn("w:docDefaults"))
    if default is None:
        default = OxmlElement("w:docDefaults")
        styles.insert(0, default)
    rpr_default = default.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        default.insert(0, rpr_default)
    if rpr_default.find(qn("w:rPr")) is None:
        rpr_default.append(OxmlElement("w:rPr"))
    rprs = [rpr_default.find(qn("w:rPr"))]
    rprs += [rpr for rpr in styles.iter(qn("w:rPr")) if rpr.find(qn("w:lang")) is not None]
    for rpr in rprs:
        _language(rpr, tag)
    theme = doc.settings.element.find(qn("w:themeFontLang"))  # the template's en-US
    if theme is not None:
        theme.attrib.clear()
        theme.set(qn("w:val"), tag)
    doc.core_properties.language = tag


def every_run(doc: Any, language: str) -> None:
    """The language on every run of the body, the headers and the footers as well, so that
    a run copied into another document keeps it (a header or footer never written has no
    part, and is left so)."""
    tag = regional(language)
    parts = [doc.element.body]
    for section in doc.sections:
        for story in (section.header, section.footer):
            if not story.is_linked_to_previous:
                parts.append(story._element)
    if tag not in _RPRS:  # the properties of a run that has none: only the language
        made = OxmlElement("w:rPr")
        _language(made, tag)
        _RPRS[tag] = made
    for part in parts:
        # Only the runs without it: rows written directly and runs copied by `add_run` have
        # it already (found by libxml2: a loop over every run took 0.2 s near 1 MB)
        for run in _WITHOUT_LANGUAGE(part, tag=tag):
            rpr = run.find(_RPR)
            if rpr is None:  # as `get_or_add_rPr`: the run's first child
                run.insert(0, copy.copy(_RPRS[tag]))
            else:
                _language(rpr, tag)


def _language(rpr: Any, tag: str) -> None:
    lang = rpr.find(_LANG)
    if lang is None:  # a copy of one made below: the same element, in a tenth of the time
        if tag not in _LANGS:
            made = OxmlElement("w:lang")
            for attribute in _LANG_ATTRIBUTES:
                made.set(attribute, tag)
            _LANGS[tag] = made
        rpr.insert_element_before(copy.copy(_LANGS[tag]), "w:eastAsianLayout", "w:specVanish",
                                  "w:oMath")  # fmt: skip
        return
    for attribute in _LANG_ATTRIBUTES:
        lang.set(attribute, tag)


_LANG = qn("w:lang")
# A run whose first properties lack a `w:lang` giving `tag` as each of its three languages.
_WITHOUT_LANGUAGE = etree.XPath(
    ".//w:r[not(w:rPr[1]/w:lang[1][@w:val=$tag and @w:eastAsia=$tag and @w:bidi=$tag])]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)
_LANG_ATTRIBUTES = tuple(qn(a) for a in ("w:val", "w:eastAsia", "w:bidi"))
_LANGS: dict[str, Any] = {}
_RPRS: dict[str, Any] = {}
_RPR = qn("w:rPr")


def page_numbers(footer: Any, name: str, page: str, of: str) -> None:
    """A footer of the name and "Side X af Y" (`page` and `of` are the words)."""
    footer.text = ""
    footer.add_run(text(name) + "\t\t").font.size = Pt(8)
    for part in (page + " ", "PAGE", " " + of + " ", "NUMPAGES"):
        if part in ("PAGE", "NUMPAGES"):
            _field(footer, part)
        else:
            footer.add_run(text(part)).font.size = Pt(8)


HEADING_COLOUR = "1F3864"  # dark blue, 11.6:1 against white (the template's 4F81BD is 4.0:1)


def contrast(colour: str, background: str = "FFFFFF") -> float:
    """WCAG 2.1's contrast ratio of two sRGB colours given as hex."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _readable(doc: Any) -> None:
    """Every heading style (title, subtitle, headings and their character styles) in one
    dark blue of 11.6:1 against the white page (WCAG 1.4.3; the template's Heading 2 is
    4.0:1). Given plainly: Word prefers a theme colour over the value beside it."""
    for style in doc.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or not name.get(qn("w:val"), "").lower().startswith(HEADINGS):
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = style.get_or_add_rPr()
        colour = rpr.find(qn("w:color"))
        if colour is None:
            colour = rpr._add_color()
        colour.attrib.clear()
        colour.set(qn("w:val"), HEADING_COLOUR)


HEADINGS = ("heading", "title", "subtitle")


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>samarbejde</Application></Properties>"
)


def properties(doc: Any, title: str, language: str, now: dt.datetime, author: str = "") -> None:
    """The file says what it is: its title, made by the user's organisation (else
    "samarbejde") at the export time; nothing left over from python-docx's template (its
    author, comment, 2013 dates and "Microsoft Macintosh Word")."""
    props = doc.core_properties
    props.title = text(title)[:255]  # the most a document property holds
    props.language = regional(language)
    props.author = props.last_modified_by = text(author.strip() or "samarbejde")[:255]
    props.comments = props.subject = props.keywords = props.category = ""
    props.revision = 1
    if now.tzinfo is not None:  # the file holds UTC
        now = now.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = now.replace(microsecond=0)
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.encode()  # python-docx has no API for these properties
    # the template's picture of an empty page, its styles for Word 2010 (in en-US), an empty
    # bibliography; and "spelling checked, all clean", which would keep Word from proofing
    for owner in (doc.part.package, doc.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(LEFTOVERS):
                del owner.rels[rid]
    proof = doc.settings.element.find(qn("w:proofState"))
    if proof is not None:
        doc.settings.element.remove(proof)


LEFTOVERS = ("/metadata/thumbnail", "/stylesWithEffects", "/relationships/customXml")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out; each
    part is a run of its own, all in the footer's size."""
    for kind, value in (("begin", ""), ("instr", instruction), ("separate", ""),
                        ("text", "1"), ("end", "")):  # fmt: skip
        run = paragraph.add_run()
        run.font.size = Pt(8)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {value} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


class FastDocument:
    """python-docx's `Document` with paragraphs added in constant time, the same XML.

    python-docx looks a paragraph's style up by its name through every style of the
    document (1-1.6 ms a paragraph), and finds the body's end by walking all its children
    (which grows with the document): 5,000 contact-log lines took 9 s against 1 s for the
    Markdown. Here each style's id is looked up once and set directly, and a paragraph goes
    in before the body's final section properties, found once. A run of plain text is a
    copy of one that python-docx made (its generic element code costs ~20 µs an element;
    `copy.copy` of an lxml element copies all of it, as deepcopy does, without the memo).
    Table rows and a list's plain lines are XML text, kept apart until the file is saved
    (`mark`, `save`); `tables` and `paragraphs` parse them into the tree first. Everything
    else is the document's own (`__getattr__`).
    """

    def __init__(self, doc: Any, meta: Meta) -> None:
        self._doc = doc
        self.meta = meta
        self._body = doc._body  # the BlockItemContainer paragraphs belong to
        self._element = doc.element.body
        # python-docx puts paragraphs before the body's last section properties (else at the
        # end), finding them anew each time by walking the body: found once here.
        self._end = self._element.sectPr
        self._style_ids: dict[tuple[str, Any], str | None] = {}
        self._defaults: dict[Any, Any] = {}  # the default style of each kind
        self._runs: dict[tuple[bool | None, bool | None], Any] = {}
        self._paragraphs: dict[str | None, Any] = {}
        self._items: dict[tuple[str, Any, Any], tuple[str, str]] = {}
        # XML written as text (rows, items), put in when the file is saved (`save`): the
        # tree holds a mark in its place
        self._raw: list[list[str]] = []
        self._open: Any = None  # the mark of the body's last text, while nothing follows it

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)

    @staticmethod
    @contextlib.contextmanager
    def lookups() -> Iterator[None]:
        """While writing: python-docx finds where a new child element goes (`get_or_add_…`:
        a font size, a table cell's width) with one search of the children for each tag
        that may follow it, up to forty; here with one pass over the children, the first
        child of the earliest tag in the list found, as before. (0.7 of the 1.9 s of the
        tables at 500 partners, profiled.)"""
        from docx.oxml.xmlchemy import BaseOxmlElement

        original = BaseOxmlElement.first_child_found_in
        ranks: dict[tuple[str, ...], dict[str, int]] = {}

        def first_child_found_in(self: Any, *tagnames: str) -> Any:
            if not len(self):
                return None
            rank = ranks.get(tagnames)
            if rank is None:
                rank = ranks[tagnames] = {}
                for i, tag in enumerate(tagnames):
                    rank.setdefault(qn(tag), i)
            best, found = len(tagnames), None
            for child in self:
                r = rank.get(child.tag, best)
                if r < best:
                    best, found = r, child
                    if not r:
                        break
            return found

        BaseOxmlElement.first_child_found_in = first_child_found_in  # type: ignore[method-assign]
        try:
            yield
        finally:
            BaseOxmlElement.first_child_found_in = original  # type: ignore[method-assign]

    def style_id(self, name: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """python-docx's `get_style_id`: the id of the style of `kind` named `name`, None
        for the kind's default style, which is looked up once (each look-up goes through
        every style of the template: 1.1 ms, a dozen times a report)."""
        key = (name, kind)
        if key not in self._style_ids:
            style = self._doc.styles[name]
            if style.type != kind:  # python-docx raises its ValueError
                return self._doc.part.get_style_id(name, kind)
            if kind not in self._defaults:
                self._defaults[kind] = self._doc.styles.default(kind)
            self._style_ids[key] = None if style == self._defaults[kind] else style.style_id
        return self._style_ids[key]

    def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """As `Document.add_paragraph`: `text` in one run, then the style."""
        if style not in self._paragraphs:
            made = OxmlElement("w:p")
            if style is not None:
                made.style = self.style_id(style)
            self._paragraphs[style] = made
        p = copy.copy(self._paragraphs[style])
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._element.append(p)
        paragraph = Paragraph(p, self._body)
        if text:
            self.add_run(paragraph, text, None, None)
        return paragraph

    def add_item(self, value: str, style: str, size: Any = None, space_after: Any = None) -> None:
        """A paragraph in `style` of one run of `value` (not empty), in `size` and with
        `space_after` after it where given: the names behind the board's numbers (2,100 of
        them near 1 MB took 0.15 s through python-docx's paragraph format), a contact log's
        lines. The first is made by the calls below; each next one of plain text is written
        as XML text, the first's XML around its own text (`mark`)."""
        value = text(value)
        key = (style, size, space_after)
        plain = value.strip() == value and value and not any(c in value for c in "\t\n\r")
        if key not in self._items or not plain:
            p = self.add_paragraph(style=style)
            r = self.add_run(p, value, False, False)
            if size is not None:
                r.font.size = size
            if space_after is not None:
                p.paragraph_format.space_after = space_after
            if plain:
                self._items[key] = _around_text(p._p)
            return
        before, after = self._items[key]
        last = self._element[-1] if self._end is None else self._end.getprevious()
        if last is None or last is not self._open:
            self._open = self.mark(self._element if self._end is None else None)
        self._raw[-1] += (before, _escape(value), after)

    @staticmethod
    def keep_with_next(paragraph: Any) -> Any:
        """As `paragraph.paragraph_format.keep_with_next = True` (`w:keepNext`, after the
        style, before all else), copied where the paragraph has no properties but its
        style; the paragraph."""
        p = paragraph._p
        ppr = p.pPr
        if ppr is None:
            p.insert(0, copy.copy(_KEEP_NEXT))
        elif len(ppr) == 1 and ppr[0].tag == _STYLE:
            ppr.append(copy.copy(_KEEP_NEXT[0]))
        else:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def mark(self, parent: Any) -> Any:
        """A mark at the end of `parent` (None: of the body, before its section properties)
        where the next XML written as text goes when the file is saved."""
        made = etree.Element(_RAW, i=str(len(self._raw)))
        self._raw.append([])
        if parent is None:
            self._end.addprevious(made)
        else:
            parent.append(made)
        return made

    def save(self) -> bytes:
        """The file, as python-docx's `save` writes it (the same parts in the same order),
        with the XML written as text in the places of its marks: the document's part
        serialized once, by lxml, around them, and compressed at `ZIP_LEVEL`."""
        from docx.opc.oxml import serialize_part_xml
        from docx.opc.pkgwriter import PackageWriter

        if not all(hasattr(PackageWriter, name) for name in _WRITER_STEPS):
            # python-docx's writer's steps are its own (not public): a version without them
            # gets the document parsed whole and saved by python-docx itself
            self.parse_marks()
            saved = io.BytesIO()
            self._doc.save(saved)
            return saved.getvalue()
        main = self._doc.part
        pieces = serialize_part_xml(main.element).split(b"<" + _RAW.encode() + b' i="')
        out = [pieces[0]]
        for piece in pieces[1:]:
            number, rest = piece.split(b'"/>', 1)
            out += ["".join(self._raw[int(number)]).encode(), rest]
        package = main.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as z:
            writer = _Zip(z)  # as `PackageWriter.write`, but the main part's blob is ours
            PackageWriter._write_content_types_stream(writer, parts)
            PackageWriter._write_pkg_rels(writer, package.rels)
            for part in parts:
                writer.write(part.partname, b"".join(out) if part is main else part.blob)
                if len(part.rels):
                    writer.write(part.partname.rels_uri, part.rels.xml)
        return buf.getvalue()

    @property
    def tables(self) -> list[Table]:
        """The document's tables (python-docx's), their rows written as text parsed first."""
        self.parse_marks()
        return self._doc.tables

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The body's paragraphs (python-docx's), those written as text parsed first."""
        self.parse_marks()
        return self._doc.paragraphs

    def parse_marks(self) -> None:
        """The XML written as text so far into the document's tree in place of the marks,
        for a caller that reads or changes it (the comparison colours its board's cells)."""
        from docx.oxml.parser import parse_xml

        for mark in list(self._element.iter(_RAW)):
            xml = "".join(self._raw[int(mark.get("i"))])
            for element in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
                mark.addprevious(element)
            mark.getparent().remove(mark)
        self._open = None

    def add_heading(self, text: str = "", level: int = 1) -> Paragraph:
        if not 0 <= level <= 9:
            raise ValueError(f"level must be in range 0-9, got {level}")
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def add_run(self, paragraph: Any, value: str, bold: bool | None, italic: bool | None) -> Run:
        """As `paragraph.add_run(value)`, then `.bold`, `.italic` set (None when False); a
        run of `add_paragraph(value)` has neither (bold=italic=None)."""
        value = text(value)  # whoever calls: nothing XML cannot hold
        if not value or "\t" in value or "\n" in value or "\r" in value:  # python-docx
            r = paragraph.add_run(value)
            if bold is not None:
                r.bold, r.italic = bold or None, italic or None
            return _FastRun(r._r, paragraph)
        key = (bold, italic)
        if key not in self._runs:  # with the language `finish` gives every run
            made = Run(OxmlElement("w:r"), paragraph)
            made.text = "x"
            if bold is not None:
                made.bold, made.italic = bold or None, italic or None
            _language(made._r.get_or_add_rPr(), regional(self.meta.language))
            self._runs[key] = made._r
        r = copy.copy(self._runs[key])
        t = r[-1]
        t.text = value
        if len(value.strip()) < len(value):  # as python-docx: keep the outer spaces
            t.set(qn("xml:space"), "preserve")
        paragraph._p.append(r)
        return _FastRun(r, paragraph)

    def add_table(self, rows: int, cols: int, style: str | None = None) -> Table:
        """As `Document.add_table`: the table, then its style by name (`style_id`)."""
        table = self._doc.add_table(rows, cols)
        if style is not None:
            table._tbl.tblStyle_val = self.style_id(style, WD_STYLE_TYPE.TABLE)
        return table

    def add_page_break(self) -> Paragraph:
        from docx.enum.text import WD_BREAK

        paragraph = self.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        return paragraph

    def typed(
        self, paragraph: Any, value: str, bold: bool | None = None, italic: bool | None = None
    ) -> Paragraph:
        """Text as the user typed it, from the end of `paragraph` (in the body or in a table
        cell): one line break stays a line break inside the paragraph (`w:br`), an empty line
        starts a new paragraph after it, in the same style. The last paragraph written."""
        for n, block in enumerate(typed_paragraphs(value) or [""]):
            if n:
                paragraph = self.paragraph_after(paragraph)
            self.add_run(paragraph, block, bold, italic)
        return paragraph

    @staticmethod
    def paragraph_after(paragraph: Any) -> Paragraph:
        """A new paragraph right after `paragraph`, with its properties (style, alignment)."""
        made = OxmlElement("w:p")
        if paragraph._p.pPr is not None:
            made.append(copy.deepcopy(paragraph._p.pPr))
        paragraph._p.addnext(made)
        return Paragraph(made, paragraph._parent)

    def add_rows(
        self, table: Table, rows: list[list[str]], widths: Sequence[int], right: Any, size: Any
    ) -> None:
        """The rows of a table written directly, with the XML python-docx makes for
        `add_row`, "can't split" on the row, each cell's width, a run of `size` in each
        cell's paragraph (right-aligned in the columns `right`) and the document's language
        on the run (python-docx's per-cell path - `get_or_add_…`, `OxmlElement` - cost 1.3 s
        of the 500-partner report). A cell's text is typed text (`typed`). Rows of one line
        of text a cell are written as XML text, put in when the file is saved (`mark`:
        copying a row and filling its cells took 0.15-0.25 s of the Word report near 1 MB,
        parsing the text into the tree and serializing it again 0.1 s); a row with a line
        break or a tab is a copy of one row made once, filled cell by cell."""
        cells = _cells(widths, right, size, regional(self.meta.language))
        blank: Any = None
        tbl, written = table._tbl, list[str]()

        def flush() -> None:  # the rows written as text so far, into the table
            if written:
                self.mark(tbl)
                self._raw[-1] += written
                written.clear()

        for values in rows:
            shown = [text(value) for value in values]
            if any("\n" in value or "\t" in value for value in shown):
                flush()
                blank = _row(cells) if blank is None else blank
                tr = copy.copy(blank)  # lxml copies the whole row
                for tc, value in zip(tr.iterchildren(_TC), values, strict=True):
                    _fill(tc, value)
                tbl.append(tr)  # as `CT_Tbl.add_tr`: rows have no successors
                continue
            written.append(f"<w:tr>{_CANT_SPLIT}")
            for (before, after), value in zip(cells, shown, strict=True):
                written += [before, _t(value), after]
            written.append("</w:tr>")
        flush()


_TC, _P, _R, _T = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t")
_STYLE = qn("w:pStyle")
_KEEP_NEXT = OxmlElement("w:pPr")
_KEEP_NEXT.append(OxmlElement("w:keepNext"))


def typed_paragraphs(value: str) -> list[str]:
    """Typed text in paragraphs: an empty line (or several) between two, each paragraph's
    own line breaks kept ("a\nb"); outer empty lines dropped."""
    out: list[str] = []
    lines: list[str] = []
    for line in [*text(value).split("\n"), ""]:
        if line.strip():
            lines.append(line)
        elif lines:
            out.append("\n".join(lines))
            lines = []
    return out


def _cells(widths: Sequence[int], right: Any, size: Any, tag: str) -> list[tuple[str, str]]:
    """A table row's cells as python-docx writes them after `add_row`, `cell.width`,
    `paragraph.add_run(…).font.size` (and `alignment = RIGHT` in the columns `right`), with
    the language `every_run` gives: the XML before and after each cell's `w:t`."""
    lang = f'<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="{tag}"/>'
    run = f'<w:r><w:rPr><w:sz w:val="{int(size.pt * 2)}"/>{lang}</w:rPr>'
    return [
        (
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Emu(width).twips}"/></w:tcPr><w:p>'
            + ('<w:pPr><w:jc w:val="right"/></w:pPr>' if i in right else "")
            + run,
            "</w:r></w:p></w:tc>",
        )
        for i, width in enumerate(widths)
    ]


_CANT_SPLIT = "<w:trPr><w:cantSplit/></w:trPr>"


def _row(cells: list[tuple[str, str]]) -> Any:
    """A row of `_cells`, each with the text "x" (and "can't split"), to copy and fill."""
    from docx.oxml.parser import parse_xml

    inside = "".join(f"{before}<w:t>x</w:t>{after}" for before, after in cells)
    return parse_xml(f"<w:tr {nsdecls('w')}>{_CANT_SPLIT}{inside}</w:tr>")


def _t(value: str) -> str:
    """A cell's one line of text as its `w:t` (none for no text), as `_fill` writes it."""
    if not value.strip():
        return ""
    space = ' xml:space="preserve"' if len(value.strip()) < len(value) else ""
    return f"<w:t{space}>{_escape(value)}</w:t>"


def _escape(value: str) -> str:
    """Text as lxml writes it between tags (`text` has left nothing XML cannot hold, and no
    carriage return, which lxml would write as `&#13;`)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The steps of python-docx's `PackageWriter.write` that `FastDocument.save` takes itself.
_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels")


class _Zip:
    """What `PackageWriter` writes a part with (python-docx's zip writer, at a level)."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z

    def write(self, uri: Any, blob: bytes) -> None:
        self.z.writestr(uri.membername, blob)


# The mark of XML written as text (`FastDocument.mark`): no namespace, so no text of the
# user's can look like it once escaped.
_RAW = "samarbejde-raw"


def _around_text(p: Any) -> tuple[str, str]:
    """A paragraph of one run as lxml serializes it in the document, before and after its
    text (its namespace declared by the document, not by itself)."""
    t = copy.copy(p)
    t.find(_R).find(_T).text = "\ue000"
    written = etree.tostring(t, encoding="unicode").replace(f" {nsdecls('w')}", "", 1)
    before, after = written.split("\ue000")
    return before, after


def _fill(tc: Any, value: str) -> None:
    """A copied cell's text: its run's `w:t` for plain text, python-docx's own text setter
    for a tab or a line break, no `w:t` for no text (as `add_run("")`); a further typed
    paragraph as a copy of the cell's paragraph."""
    p = tc.find(_P)
    value = text(value)
    if "\n" not in value:  # one paragraph of one line, as `typed_paragraphs` makes it
        blocks = [value if value.strip() else ""]
    else:
        blocks = typed_paragraphs(value) or [""]
    template = copy.copy(p) if len(blocks) > 1 else None
    for n, block in enumerate(blocks):
        if n:
            p = copy.copy(template)
            tc.append(p)
        r = p.find(_R)
        t = r.find(_T)
        if not block:
            r.remove(t)
        elif "\t" in block or "\n" in block:
            r.text = block  # `clear_content` keeps the run's properties
        else:
            t.text = block
            if len(block.strip()) < len(block):
                t.set(qn("xml:space"), "preserve")


# A font size (`w:sz`) goes before these run properties (OOXML's order, python-docx's
# `successors` of `CT_RPr.sz`); with none of them there, and no size yet, at the end.
_NOT_BEFORE_SIZE = frozenset(
    qn(f"w:{tag}")
    for tag in (
        *("sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign"),
        *("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    )
)
_SIZES: dict[Any, Any] = {}


class _FastRun(Run):
    @property
    def font(self) -> Font:
        return _FastFont(self._element)


class _FastFont(Font):
    """A font size put at the end of the run's properties when nothing there may follow
    it but the language, as a copy of one python-docx made; else by python-docx."""

    @property
    def size(self) -> Any:
        return Font.size.fget(self)  # type: ignore[attr-defined]

    @size.setter
    def size(self, value: Any) -> None:
        rPr = self._element.rPr
        after = [] if rPr is None else [c for c in rPr if c.tag in _NOT_BEFORE_SIZE]
        if value is None or rPr is None or [c.tag for c in after] not in ([], [_LANG]):
            Font.size.fset(self, value)  # type: ignore[attr-defined]
            return
        if value not in _SIZES:
            made = OxmlElement("w:rPr")
            made.sz_val = value
            _SIZES[value] = made[0]
        if after:  # before the language, as python-docx puts it
            after[0].addprevious(copy.copy(_SIZES[value]))
        else:
            rPr.append(copy.copy(_SIZES[value]))


class Writer:
    def __init__(self, doc: FastDocument, r: Any) -> None:
        self.doc, self.r, self.t = doc, r, r.texts
        self.new_page = False

    # -- small pieces ----------------------------------------------------------------------

    def para(self, value: str = "", style: str | None = None, **run: Any) -> Any:
        p = self.doc.add_paragraph(style=style)
        if value:
            self.run(p, value, **run)
        return p

    def run(self, p: Any, value: str, bold: bool = False, italic: bool = False) -> Any:
        return self.doc.add_run(p, value, bool(bold), bool(italic))  # `add_run` cleans it

    def line(self, value: str, style: str = "List Bullet") -> None:
        """A paragraph of `value` in `style`, nothing more done to it (`add_item`)."""
        if value:
            self.doc.add_item(value, style)
        else:
            self.para(style=style)

    def keep(self, p: Any) -> Any:
        """`p` kept on the page of the paragraph after it."""
        return self.doc.keep_with_next(p)

    def late(self, p: Any, when: Dated | None) -> None:
        if when is not None and when.overdue:
            r = self.run(p, f" ({self.t['overdue']})", bold=True)
            r.font.color.rgb = OVERDUE_RED

    def dated(self, p: Any, label: str, when: Dated | None) -> None:
        self.run(p, f"{label}: ", bold=True)
        self.run(p, when.text if when else "-")
        self.late(p, when)

    def typed(self, p: Any, value: str) -> Any:
        """User text as typed (`FastDocument.typed`): the last paragraph written."""
        return self.doc.typed(p, value, False, False)

    def table(self, g: Grid) -> None:
        table = self.doc.add_table(rows=1, cols=len(g.head), style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        shares = g.widths or tuple(100 // len(g.head) for _ in g.head)
        widths = [Cm(PAGE_WIDTH_CM * share / 100) for share in shares]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # LibreOffice reads the grid's widths, Word each cell's
        header = table.rows[0]
        repeat = OxmlElement("w:tblHeader")  # the header row again on every page
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, head, width in zip(header.cells, g.head, widths, strict=True):
            cell.width = width
            self.run(cell.paragraphs[0], head, bold=True).font.size = TABLE_TEXT
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        header._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row on one page
        self.doc.add_rows(table, [list(row) for row in g.rows], widths, g.numbers, TABLE_TEXT)
        self.para()

    # -- the document ----------------------------------------------------------------------

    def write(self) -> None:
        r, t = self.r, self.t
        self.doc.add_heading(text(r.title), level=0)
        self.para(r.guide_title, italic=True)
        for key, value in r.fields:
            p = self.para()
            self.run(p, f"{key}: ", bold=True)
            self.run(p, value)
        self.overview()
        for section in r.sections:
            heading = self.doc.add_heading(text(section.heading), level=1)
            if self.new_page:
                heading.paragraph_format.page_break_before = True
                self.new_page = False
            self.note(section.note)
            status = self.para(f"{t['status']}: {section.status}", italic=True)
            self.keep(status)
            for block in section.blocks:
                self.block(block)
        if r.development is not None:
            self.development(r.development)
        self.doc.add_heading(text(t["summary_contacts"]), level=1)
        if r.contacts:
            rows = [
                [w.text + (f" ({t['overdue']})" if w.overdue else ""), p] for p, w in r.contacts
            ]
            self.table(Grid([t["next_contact"], t["name"]], rows, (), (35, 65)))
        else:
            self.para(t["summary_no_contacts"])
        p = self.para(r.overview.evaluation_text)
        self.late(p, r.overview.evaluation)

    def overview(self) -> None:
        o, t = self.r.overview, self.t
        self.doc.add_heading(text(t["overview_title"]), level=1)
        if o.board is not None:
            self.board(o.board)
        self.doc.add_heading(text(t["overview_top"]), level=2)
        for line in o.top or ["-"]:
            self.line(line)
        self.doc.add_heading(text(t["summary_contacts"]), level=2)
        for partner, when in o.contacts:
            p = self.para(f"{when.text}: {partner}", "List Bullet")
            self.late(p, when)
        if not o.contacts:
            self.line("-")
        self.doc.add_heading(text(t["summary_checklist_open"]), level=2)
        for line in o.open_items or ["-"]:
            self.line(line)
        if o.evaluation is not None:
            p = self.para(o.evaluation_text)
            self.late(p, o.evaluation)
        self.new_page = True  # the next heading starts a page: no page of its own for a break

    def note(self, value: str) -> None:
        """The line saying what is the program's, not the guide's."""
        if value:
            self.keep(self.para(value, italic=True))

    def board(self, b: Board) -> None:
        self.note(b.note)
        self.table(b.quadrants)
        if b.layout.crowded:  # the names behind the numbers of the crowded quadrants
            self.keep(self.para(self.t["board_key"], bold=True))
            for q in b.layout.crowded:
                head = self.para(q.name, italic=True).paragraph_format
                head.keep_with_next, head.space_before = True, Pt(4)
                for note in q.notes:  # small and close, like the table it explains
                    name = f"{note.priority}. {note.name}"
                    self.doc.add_item(name, "List Bullet", TABLE_TEXT, Pt(0))
        self.para(b.scale_text, italic=True)
        for line in b.axes:
            self.para(line, italic=True)
        for q, advice in b.advice:
            p = self.para()
            self.run(p, f"{q.name}: ", bold=True)
            self.run(p, advice)
        if b.unrated:
            self.para(b.unrated, italic=True)

    def block(self, b: blocks.Block) -> None:
        t = self.t
        if isinstance(b, blocks.Marks):
            for title, value, note in b.items:
                p = self.para(style="List Bullet")
                self.run(p, f"{title}: ", bold=True)
                self.run(p, value + (f" – {note}" if note else ""))
        elif isinstance(b, Grid):
            self.table(b)
        elif isinstance(b, blocks.Para):
            self.para(b.text, italic=b.style == "unrated")
        elif isinstance(b, Question):
            p = self.para()
            self.keep(p)  # a question never ends a page
            if b.label:
                self.run(p, f"{b.label}: ", bold=True)
                self.run(p, b.question, italic=True)
            else:
                self.run(p, b.question, bold=True)
            self.typed(self.para(), b.answer or t["no_answer"])
        elif isinstance(b, blocks.Checklist):
            for item in b.items:
                p = self.para()
                self.run(p, "☑ " if item.done else "☐ ")
                self.run(p, f"{item.number}. {item.title}", bold=True)
                for point in item.points:
                    self.line(point)
                if item.note:
                    p = self.para(style="List Bullet")
                    self.run(p, f"{t['note']}: ", italic=True)
                    self.run(p, item.note)
                if item.evaluation is not None:
                    self.dated(
                        self.para(style="List Bullet"), t["next_evaluation"], item.evaluation
                    )
        elif isinstance(b, Plan):
            self.plan(b)

    def plan(self, b: Plan) -> None:
        t = self.t
        self.doc.add_heading(text(b.title), level=2)
        for card in b.cards:
            self.block(card)
        p = self.para()
        self.run(p, f"{t['key_persons']}: ", bold=True)
        self.run(p, b.key_persons or self.t["no_answer"])
        self.dated(self.para(), t["next_contact"], b.next_contact)
        if b.log:
            self.keep(self.para(t["contact_log"], bold=True))
            for date, note in b.log:
                self.line(f"{date}: {note}")

    def development(self, d: report_model.Development) -> None:
        t = self.t
        self.doc.add_heading(text(t["report_development"]), level=1)
        self.table(d.rounds)
        if d.travelled:
            self.keep(self.para(d.since, bold=True))
        for line in d.travelled:
            self.line(line)
        self.doc.add_heading(text(t["development_paths"]), level=2)
        for partner, steps in d.paths:
            p = self.para(style="List Bullet")
            self.run(p, f"{partner}: ", bold=True)
            self.run(p, " → ".join(f"{step.date} {step.label}" for step in steps))
        if not d.paths:
            self.para(t["development_no_paths"])
        if d.health is not None:  # the health check's trend: its table (the chart's text)
            self.doc.add_heading(text(t["health_trend_title"]), level=2)
            self.para(d.health.scale, italic=True)
            self.table(d.health.grid)
            for line in [d.health.shown] if d.health.shown else []:
                self.para(line, italic=True)
