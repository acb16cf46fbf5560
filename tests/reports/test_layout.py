"""The shared document frame: real creation date, page X of Y, watermark, signature block."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from huoltamo_desktop.reports.fonts import register_fonts
from huoltamo_desktop.reports.layout import (
    DocumentFrame,
    Signer,
    render_pdf,
    signature_block,
    text_styles,
)


def _pdf(frame: DocumentFrame, pages: int = 2) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Flowable, PageBreak, Paragraph

    register_fonts()
    styles = text_styles()
    story: list[Flowable] = []
    for n in range(pages):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(f"Sisältö {n + 1}", styles.base))
    story.append(
        signature_block(
            [Signer("Tiimin puolesta"), Signer("Esihenkilö", "Kaisa Koivula")],
            width=400,
            styles=styles,
            date_and_signature="Päiväys ja allekirjoitus",
            printed_name="Nimen selvennys",
        )
    )
    return render_pdf(story, pagesize=A4, margins=(50, 50, 60, 50), frame=frame, title="T")


FRAME = DocumentFrame(
    running_head="Koivulan Konepaja Oy",
    footer="Aino Sjöblom · Urakeskustelu · 20.11.2026 · Versio 2",
    page_label="Sivu {number}/{total}",
    confidential="Luottamuksellinen",
)


def test_every_page_carries_the_head_the_attribution_and_page_x_of_y() -> None:
    reader = PdfReader(BytesIO(_pdf(FRAME, pages=3)))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Koivulan Konepaja Oy" in text and "Luottamuksellinen" in text
        assert "Aino Sjöblom · Urakeskustelu · 20.11.2026 · Versio 2" in text
        assert f"Sivu {number}/3" in text


def test_a_long_firm_name_uses_the_width_beside_the_mark() -> None:
    long_name = "Pohjois-Pohjanmaan Metalli- ja Konepajapalvelut Osuuskunta Ab"
    frame = DocumentFrame(**{**FRAME.__dict__, "running_head": long_name})
    assert long_name in PdfReader(BytesIO(_pdf(frame))).pages[0].extract_text()


def test_a_draft_watermark_is_on_every_page() -> None:
    frame = DocumentFrame(**{**FRAME.__dict__, "watermark": "LUONNOS"})
    reader = PdfReader(BytesIO(_pdf(frame, pages=2)))
    assert all("LUONNOS" in page.extract_text() for page in reader.pages)
    assert "LUONNOS" not in PdfReader(BytesIO(_pdf(FRAME))).pages[0].extract_text()


def test_the_signature_block_has_room_for_each_printed_name() -> None:
    text = PdfReader(BytesIO(_pdf(FRAME, pages=1))).pages[0].extract_text()
    assert text.count("Päiväys ja allekirjoitus") == 2
    assert text.count("Nimen selvennys") == 2
    assert "Kaisa Koivula" in text and "Tiimin puolesta" in text


def test_the_pdf_carries_its_real_creation_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 0)  # as in the app, outside the tests
    metadata = PdfReader(BytesIO(_pdf(FRAME))).metadata
    assert metadata is not None
    created = metadata.creation_date
    assert created is not None
    assert abs((created.astimezone(UTC) - datetime.now(UTC)).total_seconds()) < 120
