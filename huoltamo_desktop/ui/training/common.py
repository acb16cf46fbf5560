"""What the training panels share: money and date cells, the detail text of an offering."""

from __future__ import annotations

from html import escape

from huoltamo_desktop.domain.training import FundingState, Verified
from huoltamo_desktop.i18n import LANGUAGE_NAMES, _, format_date, format_number
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services.training import FundingView, OfferingDetail


def funding_html(rule: FundingView) -> str:
    label_source = _("Source")
    colour = "#b00020" if rule.state == FundingState.ENDED else "#1f4e5f"
    parts = [
        f'<b>{escape(rule.name)}</b> – <span style="color:{colour}">{escape(rule.state_text())}</span>'
    ]
    if rule.amount:
        parts.append(escape(rule.amount))
    if rule.who:
        parts.append(escape(rule.who))
    if rule.note:
        parts.append(f"<i>{escape(rule.note)}</i>")
    checked = (
        _("Checked on {date}").format(date=format_date(rule.checked_on)) if rule.checked_on else ""
    )
    if rule.source:
        parts.append(
            f'<a href="{escape(rule.source)}">{escape(label_source)}</a> {escape(checked)}'
        )
    return "<br/>".join(parts)


def offering_html(detail: OfferingDetail, firm_rating: tuple[int, float | None] | None) -> str:
    """The offering in full, for the detail pane: what, who gives it, trust, runs, funding, sources."""
    label_source = _("Source")
    label_cost = _("Cost")
    label_provider = _("Provider")
    label_why_it_is_a_safe_choice = _("Why it is a safe choice")
    label_skills_it_addresses = _("Skills it addresses")
    label_skill_up_to_level_level = _("{skill}, up to level {level}")
    label_coming_runs = _("Coming runs")
    label_funding = _("Funding")
    label_the_provider_s_page = _("The provider’s page")
    label_last_reviewed = _("Last reviewed")
    label_sources = _("Sources")
    row = detail.row
    out = [f"<h3>{escape(row.title)}</h3>"]
    facts = [
        svc.kind_label(row.kind),
        svc.format_label(row.format),
        detail.duration,
        ", ".join(LANGUAGE_NAMES.get(c, c) for c in row.languages.split(";"))
        if row.languages
        else "",
    ]
    out.append("<p>" + escape(" · ".join(f for f in facts if f)) + "</p>")
    if detail.summary:
        out.append(f"<p>{escape(detail.summary)}</p>")
    cost = svc.money_text(row.cost_cents)
    cost_line = cost
    if detail.cost_note and detail.cost_note != cost:
        cost_line = f"{cost} – {detail.cost_note}" if cost else detail.cost_note
    if cost_line:
        out.append(f"<p><b>{escape(label_cost)}:</b> {escape(cost_line)}</p>")
    out.append(f"<p><b>{escape(label_provider)}:</b> {escape(row.provider)}")
    if detail.provider_url:
        out.append(f' (<a href="{escape(detail.provider_url)}">{escape(detail.provider_url)}</a>)')
    out.append("</p>")
    if detail.provider_trust:
        source = (
            f' <a href="{escape(detail.provider_trust_source)}">{escape(label_source)}</a>'
            if detail.provider_trust_source.startswith("http")
            else (
                f" ({escape(detail.provider_trust_source)})" if detail.provider_trust_source else ""
            )
        )
        out.append(
            f"<p><b>{escape(label_why_it_is_a_safe_choice)}:</b> {escape(detail.provider_trust)}{source}</p>"
        )
    if firm_rating is not None:
        count, average = firm_rating
        if average is None:
            text = _(
                "Your firm has rated this provider {n} times; its own score shows from 3 ratings."
            ).format(n=count)
        else:
            text = _("Your firm's own score: {score} / 5 from {n} ratings.").format(
                score=format_number(round(average, 1)), n=count
            )
        out.append(f"<p>{escape(text)}</p>")
    if detail.skills:
        out.append(f"<p><b>{escape(label_skills_it_addresses)}:</b></p><ul>")
        for _key, name, level in detail.skills:
            out.append(
                f"<li>{escape(label_skill_up_to_level_level.format(skill=name, level=level))}</li>"
            )
        out.append("</ul>")
    if detail.runs:
        out.append(f"<p><b>{escape(label_coming_runs)}:</b></p><ul>")
        for run in detail.runs:
            when = format_date(run.starts_on)
            if run.ends_on and run.ends_on != run.starts_on:
                when += "–" + format_date(run.ends_on)
            bits = [when, _("online") if run.online else run.place, svc.money_text(run.price_cents)]
            if run.seats:
                bits.append(_("{n} seats").format(n=run.seats))
            out.append(f"<li>{escape(' · '.join(b for b in bits if b))}</li>")
        out.append("</ul>")
    if detail.funding:
        out.append(f"<p><b>{escape(label_funding)}:</b></p>")
        for rule in detail.funding:
            out.append(f"<p>{funding_html(rule)}</p>")
    if detail.url:
        out.append(f'<p><a href="{escape(detail.url)}">{escape(label_the_provider_s_page)}</a></p>')
    reviewed = format_date(row.reviewed_on) if row.reviewed_on else _("not known")
    verified = (
        _("every figure was on the source page")
        if row.verified == Verified.YES
        else _("some figures could not be checked on the source page")
    )
    out.append(
        f'<p style="color:#444444"><b>{escape(label_last_reviewed)}:</b> {escape(reviewed)} – {escape(verified)}.</p>'
    )
    if detail.sources:
        links = ", ".join(
            f'<a href="{escape(s)}">{escape(s if len(s) < 60 else s[:57] + "…")}</a>'
            if s.startswith("http")
            else escape(s)
            for s in detail.sources
        )
        out.append(f'<p style="color:#444444"><b>{escape(label_sources)}:</b> {links}</p>')
    ids = []
    if detail.esco_uri:
        ids.append(f"ESCO: {escape(detail.esco_uri)}")
    if detail.opintopolku_oid:
        ids.append(f"Opintopolku: {escape(detail.opintopolku_oid)}")
    if ids:
        out.append(f'<p style="color:#444444">{" · ".join(ids)}</p>')
    return "".join(out)
