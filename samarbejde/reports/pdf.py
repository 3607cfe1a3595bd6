"""A document's HTML as a tagged PDF a kommune may publish (PDF/UA-1): WeasyPrint, an optional
extra (`pip install 'samarbejde[pdf]'`), imported only when a PDF is asked for. The HTML is the
program's own (content/templates/*.html.j2 and report.css), so the PDF's language, title and
headings are the HTML's; WeasyPrint's PDF/UA variant tags the text, marks the page margins'
footers as artifacts, and writes the PDF/UA identification and the title into the metadata.
"""

from __future__ import annotations

from samarbejde.base.errors import SamarbejdeError
from samarbejde.guide.content import regional

EXTRA = "pdf"  # pyproject.toml's optional dependency group


def available() -> bool:
    """Is WeasyPrint installed? Without importing it (that takes a second)."""
    from importlib.util import find_spec

    return find_spec("weasyprint") is not None


def require() -> None:
    """Refuse a PDF before anything is read or asked, where WeasyPrint is not installed: the
    message says how to install it, and the other route (LibreOffice's PDF/UA export of the
    Word file)."""
    if not available():
        raise SamarbejdeError("error_pdf_missing", extra=EXTRA)


def pdf_bytes(html: str, language: str) -> bytes:
    """The HTML page as PDF/UA-1: tagged, `language` with its region as the PDF's /Lang, its
    <title> as the document's title (shown in the reader's title bar)."""
    require()
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # installed without the system's Pango
        raise SamarbejdeError("error_pdf_broken", extra=EXTRA, detail=str(exc)[:300]) from None
    from samarbejde.guide.texts import templates_dir

    # the PDF's own rules after the page's (as the page's: a user stylesheet would lose to it)
    own = (templates_dir() / "pdf.css").read_text(encoding="utf-8")
    html = html.replace("</head>", f"<style>\n{own}</style>\n</head>", 1)
    options = {"pdf_variant": "pdf/ua-1"}
    document = weasyprint.HTML(string=html, base_url=None).render(**options)
    document.metadata.lang = regional(language)
    data = document.write_pdf(**options)
    assert isinstance(data, bytes)
    return data
