"""The printed page's geometry (report.css's `@page`), in PDF points."""

from __future__ import annotations

MM = 72 / 25.4  # PDF points per millimetre
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14 * MM, 16 * MM, 18 * MM  # report.css: @page margin
SLACK = 1.5  # points: a glyph's box may reach a little past its advance


def body(chars: list, height: float) -> list:
    """The upright characters inside the page's margins: all but the footer and the turned
    name of the y axis (whose size a PDF reader reports oddly)."""
    return [c for c in chars if c["top"] < height - MARGIN_BOTTOM and c["upright"]]


# -- a tagged PDF (PDF/UA), read with pikepdf ------------------------------------------------

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def untagged_text(pdf) -> list[str]:
    """Where a page shows text outside marked content that is either in the structure tree
    (a BDC with an /MCID) or an artifact (/Artifact): "page 2: Tj", one per text-showing
    operator. `pdf` is an open pikepdf.Pdf; Form XObjects are walked too, as the pages that
    draw them see them (inside the drawer's marked content)."""
    import pikepdf

    found: list[str] = []

    def walk(stream, where: str, inherited: bool, seen: set) -> None:
        stack: list[bool] = []  # per open BMC/BDC: is it tagged or an artifact?
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
                stack.append(tag == "/Artifact" or mcid or (bool(stack) and stack[-1]))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in TEXT_SHOWING:
                if not (inherited or (stack and stack[-1])):
                    found.append(f"{where}: {op}")
            elif op == "Do":
                xobjects = stream.get("/Resources", {}).get("/XObject", {})
                xobject = xobjects.get(str(operands[0])) if xobjects else None
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    key = xobject.objgen
                    if key not in seen:
                        walk(
                            xobject,
                            f"{where} {operands[0]}",
                            inherited or bool(stack and stack[-1]),
                            seen | {key},
                        )

    for number, page in enumerate(pdf.pages, 1):
        walk(page, f"page {number}", False, set())
    return found
