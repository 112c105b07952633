"""The catalog's own wording for pydantic's validation errors, so messages do not change with it."""

import types
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic_core import ErrorDetails

from .models import (
    CTID_PATTERN,
    NEED_PATTERN,
    SEARCH_TERM_PATTERN,
    SEARCH_WORD_PATTERN,
    URL_PATTERN,
    VERSION_PATTERN,
)
from .printing import shown as _shown
from .problems import suggest

PATTERNS = {
    VERSION_PATTERN: "is not a version: write it in quotes as two or three numbers, like \"1.0\"",
    URL_PATTERN: "is not a web address starting with http:// or https://",
    SEARCH_TERM_PATTERN: "is not a word or phrase as search reads it: up to four lowercase words "
                         "(letters and digits, joined inside by ' or -) with single spaces",
    SEARCH_WORD_PATTERN: "is not a single word as search reads it: lowercase letters and digits, "
                         "joined inside by ' (like don't)",
    NEED_PATTERN: "is not a need as search reads it: up to nine words (letters and digits, joined "
                  "inside by ' or -) with single spaces and no other punctuation",
    CTID_PATTERN: "is not a CTID ('ce-' and a lowercase UUID version 4); a CTID is assigned once, by "
                  "`credential-catalog ctids`, and never edited",
}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _unwrap(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def annotation_at(model: Any, loc: Iterable[str | int]) -> Any:
    """The declared type of the field at ``loc`` (list indexes step into the item type)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            if get_origin(annotation) is not list:
                return None
            annotation = get_args(annotation)[0]
        else:
            fields = getattr(annotation, "model_fields", None)
            if fields is None or part not in fields:
                return None
            annotation = fields[part].annotation
    return _unwrap(annotation)


def allowed_values(model: Any, loc: Iterable[str | int]) -> tuple[str, ...]:
    annotation = annotation_at(model, loc)
    return tuple(get_args(annotation)) if get_origin(annotation) is Literal else ()


def message(error: ErrorDetails, model: Any) -> str:
    """One validation error in the catalog's words; unknown kinds keep pydantic's text."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "literal_error":
        options = allowed_values(model, error["loc"])
        hint = suggest(value, options) if isinstance(value, str) else ""
        return f"{_shown(value)} is not allowed here; choose one of: {', '.join(options)}{hint}"
    if kind == "string_pattern_mismatch":
        return f"{_shown(value)} {PATTERNS.get(ctx.get('pattern', ''), 'is not in the expected form')}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        whole = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {whole}, not {_shown(value)}"
    if kind == "string_type":
        return f"expected text, not {_shown(value)}; put the value in quotes"
    if kind == "bool_type":
        return f"expected true or false, not {_shown(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, not {_shown(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of field: value, not {_shown(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"expected a date written as YYYY-MM-DD, not {_shown(value)}"
    if kind == "too_short":
        return f"needs at least {_plural(ctx['min_length'], 'item')}"
    if kind == "too_long":
        return f"allows at most {_plural(ctx['max_length'], 'item')}"
    if kind == "string_too_long":
        return f"is longer than the {ctx['max_length']:,}-character limit"
    if kind == "string_too_short":
        return "must not be empty"
    bounds = {"greater_than": ("gt", "more than"), "greater_than_equal": ("ge", "at least"),
              "less_than": ("lt", "less than"), "less_than_equal": ("le", "at most")}
    if kind in bounds:
        key, words = bounds[kind]
        limit = ctx[key]
        return f"must be {words} {limit:g}, not {_shown(value)}" if isinstance(limit, (int, float)) \
            else f"must be {words} {limit}, not {_shown(value)}"
    return str(error["msg"]).removeprefix("Value error, ")
