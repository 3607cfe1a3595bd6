"""The printed page's geometry (report.css's `@page`), in PDF points."""

from __future__ import annotations

MM = 72 / 25.4  # PDF points per millimetre
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14 * MM, 16 * MM, 18 * MM  # report.css: @page margin
SLACK = 1.5  # points: a glyph's box may reach a little past its advance


def body(chars: list, height: float) -> list:
    """The upright characters inside the page's margins: all but the footer and the turned
    name of the y axis (whose size a PDF reader reports oddly)."""
    return [c for c in chars if c["top"] < height - MARGIN_BOTTOM and c["upright"]]
