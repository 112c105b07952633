"""A pathway drawn as an SVG flow of its steps, rendered at build time (no script, no CDN)."""

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from .catalog import Catalog
from .models import Pathway, PathwayStep
from .pages import entity_url

WIDTH = 440
LINE = 20
PAD = 12
GAP = 34


@dataclass(frozen=True)
class Hours:
    """A pathway's estimated time: its required steps, and what its recommended steps add, each a
    range where a step lets the earner choose among credentials of different lengths."""

    low: float
    high: float
    extra_low: float
    extra_high: float


def step_hours(catalog: Catalog, step: PathwayStep) -> tuple[float, float]:
    if step.pathway:
        hours = pathway_hours(catalog, catalog.pathways[step.pathway])
        return hours.low, hours.high
    each = sorted(catalog.credentials[c].estimated_hours for c in step.credentials)
    return sum(each[:step.needed]), sum(each[-step.needed:])


def pathway_hours(catalog: Catalog, pathway: Pathway) -> Hours:
    totals = {"required": [0.0, 0.0], "recommended": [0.0, 0.0]}
    for step in pathway.steps:
        low, high = step_hours(catalog, step)
        totals[step.requirement][0] += low
        totals[step.requirement][1] += high
    return Hours(*totals["required"], *totals["recommended"])


def _span(low: float, high: float) -> str:
    hours = f"{high:g} hour" + ("" if f"{high:g}" == "1" else "s")
    return hours if low == high else f"{low:g} to {hours}"


def total_text(hours: Hours) -> str:
    """The pathway's estimated time in words: ``about 30 hours, and 8 more for the recommended steps``."""
    text = f"about {_span(hours.low, hours.high)}"
    if hours.extra_high:
        text += f", and {_span(hours.extra_low, hours.extra_high)} more for the recommended steps"
    return text


Line = tuple[str, str | None]
"""A line of a step box: its text, and the address it links to (or None)."""


def _step_lines(catalog: Catalog, step: PathwayStep, number: int,
                base: str) -> tuple[list[str], list[Line]]:
    """The bold heading lines (number, requirement, title) and the linked lines (what to earn)."""
    kind = "required" if step.requirement == "required" else "recommended"
    head = f"Step {number} ({kind})"
    if step.pathway:
        target = catalog.pathways[step.pathway]
        return [f"{head}: complete a pathway"], [(target.title, base + entity_url(target))]
    if step.choose is not None and step.choose < len(step.credentials):
        head = f"{head}: choose {step.choose} of {len(step.credentials)}"
    heads = [head, step.title] if step.title else [head]
    items: list[Line] = []
    for cid in step.credentials:
        credential = catalog.credentials[cid]
        text = f"{credential.title} ({credential.estimated_hours:g} h)"
        items.append((text, base + entity_url(credential)))
    return heads, items


@dataclass(frozen=True)
class FlowStep:
    """One step of a pathway as the diagram shows it: its bold heading lines and what to earn."""

    recommended: bool
    heads: tuple[str, ...]
    items: tuple[Line, ...]


@dataclass(frozen=True)
class Flow:
    """A pathway's diagram, drawn once as an SVG (wide screens and paper) and once as a list
    (narrow screens, where the SVG's text would shrink below a readable size)."""

    ident: str
    title: str
    desc: str
    steps: tuple[FlowStep, ...]
    totals: tuple[str, ...]


def pathway_flow(catalog: Catalog, pathway: Pathway, base_url: str = ".") -> Flow:
    """The pathway's steps in order, each credential linked to its page (``base_url`` leads from
    the page to the site's root), and the total time, the recommended steps' hours on a line of
    their own so that it fits the SVG's width."""
    base = base_url.rstrip("/") + "/"
    steps = []
    for number, step in enumerate(pathway.steps, start=1):
        heads, items = _step_lines(catalog, step, number, base)
        steps.append(FlowStep(step.requirement != "required", tuple(heads), tuple(items)))
    total = total_text(pathway_hours(catalog, pathway))
    required, _, extra = total.partition(", and ")
    totals = [f"Estimated time: {required}" + ("," if extra else "")] + ([f"and {extra}"] if extra else [])
    desc = (f"{len(pathway.steps)} steps in order; dashed boxes are recommended, solid are required; "
            f"each credential links to its page. Estimated time: {total}.")
    return Flow(f"diagram-{pathway.id}", f"Diagram of the {pathway.title} pathway", desc,
                tuple(steps), tuple(totals))


def flow_svg(flow: Flow) -> Markup:
    """The flow's steps as boxes joined by arrows, and the total time below them."""
    boxes: list[str] = []
    y = 0
    for number, step in enumerate(flow.steps, start=1):
        lines: list[Line] = [*((text, None) for text in step.heads), *step.items]
        height = PAD * 2 + LINE * len(lines)
        dash = ' stroke-dasharray="6 4"' if step.recommended else ""
        css = "cc-step cc-step--recommended" if step.recommended else "cc-step"
        boxes.append(
            f'<rect class="{css}" x="1" y="{y + 1}" width="{WIDTH - 2}" height="{height}" '
            f'rx="8"{dash}/>')
        for index, (text, href) in enumerate(lines):
            weight = ' font-weight="bold"' if index < len(step.heads) else ""
            label = (f'<text x="{PAD + 4}" y="{y + PAD + LINE * (index + 1) - 5}"{weight}>'
                     f"{escape(text)}</text>")
            boxes.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        y += height + 2
        if number < len(flow.steps):
            mid = WIDTH // 2
            boxes.append(
                f'<path class="cc-arrow" d="M{mid} {y + 2} V{y + GAP - 8} '
                f'M{mid - 6} {y + GAP - 14} L{mid} {y + GAP - 6} L{mid + 6} {y + GAP - 14}"/>')
            y += GAP
    y += 6
    for line in flow.totals:
        y += LINE
        boxes.append(f'<text class="cc-diagram__total" x="4" y="{y}" font-weight="bold">'
                     f"{escape(line)}</text>")
    return Markup(
        f'<svg class="cc-diagram" role="group" viewBox="0 0 {WIDTH} {y + 8}" '
        f'aria-labelledby="{flow.ident}-title" aria-describedby="{flow.ident}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{flow.ident}-title">{escape(flow.title)}</title>'
        f'<desc id="{flow.ident}-desc">{escape(flow.desc)}</desc>'
        + "".join(boxes) + "</svg>")


def pathway_svg(catalog: Catalog, pathway: Pathway, base_url: str = ".") -> Markup:
    """The pathway's diagram as an SVG alone."""
    return flow_svg(pathway_flow(catalog, pathway, base_url))
