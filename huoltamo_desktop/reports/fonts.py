"""The PDF font: DejaVu Sans, shipped in resources/fonts, covers Ä, Å, Ł and Cyrillic."""

from __future__ import annotations

from functools import cache

from huoltamo_desktop.domain.content import asset

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"


@cache
def register_fonts() -> str:
    """Register the font family once (so <b> and <i> work in Paragraphs); returns its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(asset("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(asset("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(asset("fonts", "DejaVuSans-Oblique.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)
    return FONT


def escape(text: str) -> str:
    """User text inside Paragraph markup."""
    from xml.sax.saxutils import escape as xml_escape

    return xml_escape(text).replace("\n", "<br/>")
