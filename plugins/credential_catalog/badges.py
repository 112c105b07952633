"""Each credential's badge, drawn from its data: an SVG for pages and Open Badges, a PNG social card.

A badge is a medallion in its category's colour with the category's mark and the credential's
title on a ribbon. The shapes are plain polygons and circles in a 100-unit box, so the same
drawing becomes SVG markup and, through Pillow, the picture on a 1200x630 social card.
"""

import hashlib
import io
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .catalog import Catalog
from .colors import mix, rgb
from .log import log
from .models import Category, Credential
from .vocabulary import Mark, values

BADGE_DIR = "assets/catalog/badges/"
CARD_DIR = "assets/catalog/cards/"
CARD_SIZE = (1200, 630)
PALETTE = ("#1d5c96", "#6c3a93", "#1a6a4b", "#a6352a", "#8a4f00", "#0f5e6b", "#4b4fb0", "#6b5320")
"""Badge colours by category number, each with white text at 6.5:1 or more."""
WHITE = "#ffffff"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """A filled polygon (``points``) or circle (``center`` and ``radius``), in a 100-unit box."""

    points: tuple[Point, ...] = ()
    center: Point = (0, 0)
    radius: float = 0


def _poly(*points: Point) -> Shape:
    return Shape(points=points)


def _circle(x: float, y: float, r: float) -> Shape:
    return Shape(center=(x, y), radius=r)


def _star(cx: float, cy: float, outer: float, inner: float, tips: int = 5) -> Shape:
    points = []
    for i in range(tips * 2):
        r = outer if i % 2 == 0 else inner
        angle = math.pi * i / tips - math.pi / 2
        points.append((round(cx + r * math.cos(angle), 2), round(cy + r * math.sin(angle), 2)))
    return Shape(points=tuple(points))


MARKS: dict[str, tuple[Shape, ...]] = {
    "book": (_poly((10, 24), (46, 32), (46, 84), (10, 76)), _poly((54, 32), (90, 24), (90, 76), (54, 84))),
    "bulb": (_circle(50, 38, 26), _poly((36, 58), (64, 58), (60, 74), (40, 74)),
             _poly((40, 78), (60, 78), (58, 86), (42, 86))),
    "people": (_circle(28, 36, 11), _circle(72, 36, 11), _circle(50, 28, 13),
               _poly((8, 80), (12, 54), (44, 54), (44, 80)), _poly((56, 80), (56, 54), (88, 54), (92, 80)),
               _poly((30, 86), (34, 48), (66, 48), (70, 86))),
    "speech": (_poly((8, 16), (92, 16), (92, 66), (46, 66), (24, 88), (28, 66), (8, 66)),),
    "steps": (_poly((8, 88), (8, 70), (30, 70), (30, 52), (52, 52), (52, 34), (74, 34), (74, 16),
                    (92, 16), (92, 88)),),
    "star": (_star(50, 52, 44, 18),),
    "compass": (_poly((50, 6), (62, 50), (50, 94), (38, 50)), _poly((6, 50), (50, 40), (94, 50), (50, 60))),
    "leaf": (_poly((50, 6), (78, 30), (84, 56), (70, 78), (54, 84), (54, 94), (46, 94), (46, 84),
                   (30, 78), (16, 56), (22, 30)),),
}
"""Every mark in the ``Mark`` vocabulary, drawn in white on the badge."""


@dataclass(frozen=True)
class Look:
    color: str
    mark: str


def look(category: Category) -> Look:
    """The category's colour and mark: its own, or picked by its number."""
    marks = values(Mark)
    return Look(category.color or PALETTE[(category.number - 1) % len(PALETTE)],
                category.mark or marks[(category.number - 1) % len(marks)])


def badge_path(credential: Credential) -> str:
    return f"{BADGE_DIR}{credential.id}.svg"


def card_path(credential: Credential) -> str:
    return f"{CARD_DIR}{credential.id}.png"


def description(catalog: Catalog, credential: Credential) -> str:
    """The badge's text alternative."""
    category = catalog.categories[credential.category]
    return f"Badge of the {credential.title} micro-credential, in the {category.title} category"


def _lines(title: str, width: int) -> list[str]:
    """``title`` in lines of at most ``width`` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def ribbon_text(title: str) -> tuple[list[str], float]:
    """The ribbon's lines (two at most, the last shortened with an ellipsis) and font size."""
    for size, width in ((16, 18), (14, 21), (12, 25)):
        lines = _lines(title, width)
        if len(lines) <= (1 if size == 16 else 2):
            return lines, size
    lines = _lines(title, 25)
    last = lines[1] if len(lines[1]) < 24 else lines[1][:23]
    return [lines[0], last.rstrip() + "…"], 12


def _svg_shape(shape: Shape, scale: float, dx: float, dy: float, fill: str) -> str:
    if shape.points:
        points = " ".join(f"{dx + x * scale:g},{dy + y * scale:g}" for x, y in shape.points)
        return f'<polygon points="{points}" fill="{fill}"/>'
    x, y = shape.center
    return (f'<circle cx="{dx + x * scale:g}" cy="{dy + y * scale:g}" r="{shape.radius * scale:g}" '
            f'fill="{fill}"/>')


RIBBON = ((2, 112), (198, 112), (188, 137), (198, 162), (2, 162), (12, 137))
MARK_BOX = (62.0, 26.0, 0.76)
"""Where the mark sits on the 200-unit badge: left, top and scale of its 100-unit box."""


def _svg(style: Look, ribbon_title: str, label: str) -> str:
    edge, ribbon = mix(style.color, WHITE, 0.7), mix(style.color, "#000000", 0.35)
    dx, dy, scale = MARK_BOX
    mark = "".join(_svg_shape(shape, scale, dx, dy, WHITE) for shape in MARKS[style.mark])
    lines, size = ribbon_text(ribbon_title)
    first = 137 + size * 0.35 - (len(lines) - 1) * size * 0.6
    text = "".join(f'<text x="100" y="{first + n * size * 1.2:g}">{escape(line)}</text>'
                   for n, line in enumerate(lines))
    ribbon_points = " ".join(f"{x},{y}" for x, y in RIBBON)
    label = escape(label)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" '
        f'role="img" aria-label="{label}"><title>{label}</title>'
        f'<circle cx="100" cy="100" r="98" fill="{edge}"/>'
        f'<circle cx="100" cy="100" r="91" fill="{style.color}"/>'
        '<circle cx="100" cy="100" r="81" fill="none" stroke="#ffffff" stroke-opacity=".55" '
        'stroke-width="3"/>'
        f"{mark}"
        f'<polygon points="{ribbon_points}" fill="{ribbon}"/>'
        f'<g fill="#ffffff" font-family="{escape(FONT_FAMILY)}" font-size="{size}" font-weight="700" '
        f'text-anchor="middle">{text}</g>'
        "</svg>\n")


def badge_svg(catalog: Catalog, credential: Credential) -> str:
    """The credential's badge as a standalone SVG document, 200 by 200."""
    category = catalog.categories[credential.category]
    return _svg(look(category), credential.title, description(catalog, credential))


def category_badge_path(category: Category) -> str:
    return f"{BADGE_DIR}categories/{category.id}.svg"


def category_badge_svg(category: Category) -> str:
    """The category's own badge: its colour and mark, with its title on the ribbon."""
    return _svg(look(category), category.title, f"Badge of the {category.title} category")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size)


def _draw_shape(draw: ImageDraw.ImageDraw, shape: Shape, scale: float, dx: float, dy: float,
                fill: tuple[int, ...]) -> None:
    if shape.points:
        draw.polygon([(dx + x * scale, dy + y * scale) for x, y in shape.points], fill=fill)
    else:
        x, y = shape.center
        r = shape.radius * scale
        draw.ellipse((dx + x * scale - r, dy + y * scale - r, dx + x * scale + r, dy + y * scale + r),
                     fill=fill)


@cache
def _medallion(color: str, mark: str, size: int) -> Image.Image:
    """The badge without its text, ``size`` pixels wide, drawn at four times and scaled down so
    that its edges are smooth."""
    big = size * 4
    unit = big / 200
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for radius, fill in ((98, mix(color, WHITE, 0.7)), (91, color)):
        draw.ellipse([unit * (100 - radius), unit * (100 - radius), unit * (100 + radius),
                      unit * (100 + radius)], fill=rgb(fill))
    ring = mix(color, WHITE, 0.55)
    draw.ellipse([unit * 19, unit * 19, unit * 181, unit * 181], outline=rgb(ring), width=round(unit * 3))
    dx, dy, scale = MARK_BOX
    for shape in MARKS[mark]:
        _draw_shape(draw, shape, scale * unit, dx * unit, dy * unit, rgb(WHITE))
    draw.polygon([(x * unit, y * unit) for x, y in RIBBON], fill=rgb(mix(color, "#000000", 0.35)))
    return image.reduce(4)


@cache
def _background(color: str, mark: str) -> Image.Image:
    """The card without its words: the category's colour, a lighter band and the medallion."""
    dark = mix(color, "#000000", 0.25)
    image = Image.new("RGB", CARD_SIZE, rgb(dark))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 18, CARD_SIZE[1]), fill=rgb(mix(color, WHITE, 0.7)))
    medallion = _medallion(color, mark, MEDALLION)
    image.paste(medallion, MEDALLION_AT, medallion)
    return image


MEDALLION = 400
MEDALLION_AT = (760, 115)
TEXT_LEFT = 80
TEXT_WIDTH = 640


def _wrap(draw: ImageDraw.ImageDraw, text: str, size: int, width: int) -> list[str]:
    font = _font(size)
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


@cache
def _palette(color: str, mark: str) -> Image.Image:
    """A 64-colour palette for the category's cards, taken from a card with sample words, so
    that mapping each card to it is a lookup rather than a fresh quantization."""
    sample = _background(color, mark).copy()
    draw = ImageDraw.Draw(sample)
    for n, fill in enumerate((WHITE, mix(color, WHITE, 0.8))):
        draw.text((TEXT_LEFT, 150 + 90 * n), "Sample words Wg", font=_font(72), fill=rgb(fill))
    return sample.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def _hours(value: float) -> str:
    number = f"{value:g}"
    return f"{number} hour" if number == "1" else f"{number} hours"


def card_inputs(catalog: Catalog, credential: Credential, site_name: str) -> tuple[str, ...]:
    """Everything a social card shows: two credentials with the same inputs share one picture."""
    category = catalog.categories[credential.category]
    style = look(category)
    return (CARD_VERSION, site_name, credential.title, category.title, style.color, style.mark,
            _hours(credential.estimated_hours), catalog.issuers[credential.issuer].name)


CARD_VERSION = "2"
"""Raise when the drawing changes, so that cached cards are drawn again."""


def social_card(catalog: Catalog, credential: Credential, site_name: str) -> bytes:
    """The credential's 1200x630 PNG for link previews (``og:image``)."""
    _, _, title, category_title, color, mark, hours, issuer = card_inputs(catalog, credential, site_name)
    image = _background(color, mark).copy()
    draw = ImageDraw.Draw(image)
    white, soft = rgb(WHITE), rgb(mix(color, WHITE, 0.8))
    draw.text((TEXT_LEFT, 70), site_name, font=_font(30), fill=soft)
    for size in (72, 62, 52):
        lines = _wrap(draw, title, size, TEXT_WIDTH)
        if len(lines) <= 3:
            break
    y = 150
    for line in lines[:3]:
        draw.text((TEXT_LEFT, y), line, font=_font(size), fill=white)
        y += round(size * 1.2)
    y += 24
    for line in _wrap(draw, category_title, 32, TEXT_WIDTH)[:2]:
        draw.text((TEXT_LEFT, y), line, font=_font(32), fill=soft)
        y += 42
    draw.text((TEXT_LEFT, 530), f"Micro-credential · about {hours} · {issuer}", font=_font(28), fill=soft)
    ribbon, ribbon_size = ribbon_text(title)
    scale = MEDALLION / 200
    cx = MEDALLION_AT[0] + MEDALLION / 2
    first = MEDALLION_AT[1] + scale * (137 - (len(ribbon) - 1) * ribbon_size * 0.6)
    for n, line in enumerate(ribbon):
        draw.text((cx, first + n * ribbon_size * 1.2 * scale), line, font=_font(round(ribbon_size * scale)),
                  fill=white, anchor="mm")
    out = io.BytesIO()
    image.quantize(palette=_palette(color, mark), dither=Image.Dither.NONE).save(out, "PNG", compress_level=1)
    return out.getvalue()


def cached_card(catalog: Catalog, credential: Credential, site_name: str, cache_dir: Path | None) -> bytes:
    """The social card, from ``cache_dir`` when an identical one was drawn before."""
    if cache_dir is None:
        return social_card(catalog, credential, site_name)
    key = hashlib.sha256("\0".join(card_inputs(catalog, credential, site_name)).encode()).hexdigest()
    path = cache_dir / f"{key[:32]}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = social_card(catalog, credential, site_name)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as exc:
        log.debug(f"social card cache not written: {exc}")
    return data


def badge_files(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """Every credential's and category's SVG badge."""
    for category in catalog.categories.values():
        yield category_badge_path(category), category_badge_svg(category)
    for credential in catalog.credentials.values():
        yield badge_path(credential), badge_svg(catalog, credential)


def card_files(catalog: Catalog, site_name: str,
               cache_dir: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """Every credential's PNG social card."""
    for credential in catalog.credentials.values():
        yield card_path(credential), cached_card(catalog, credential, site_name, cache_dir)
