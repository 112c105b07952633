"""Dates of things already done (a review, a change, a report, a publication): never later than
today. "Today" is the latest date anywhere on Earth, so a contributor ahead of the checking
machine's time zone is never refused."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator

_LATEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def today() -> dt.date:
    return dt.datetime.now(_LATEST_ZONE).date()


def _not_future_date(value: dt.date) -> dt.date:
    if value > today():
        raise ValueError(f"{value.isoformat()} is in the future: give the date it happened")
    return value


def _not_future_year(value: int) -> int:
    if value > today().year:
        raise ValueError(f"{value} is in the future: give the year it happened")
    return value


PastDate = Annotated[dt.date, AfterValidator(_not_future_date)]
NOT_FUTURE_YEAR = AfterValidator(_not_future_year)
"""For a year field: ``Annotated[int, Field(ge=..., le=...), NOT_FUTURE_YEAR]``."""
