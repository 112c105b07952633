"""The one rule for ids: the name of every file in ``catalog/`` and every reference to one.

An id becomes a file name, a folder in the built site and part of its addresses, so it must be
usable on every operating system a contributor or a host may use.
"""

import re

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 80
LISTING_ID = "index"
"""Each section's list page has this address, so no entity can."""
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))])
"""Names Windows keeps for devices, whatever follows them: a checkout there cannot hold them."""

_ID = re.compile(ID_PATTERN)


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id (a phrase that follows the value), or None."""
    if len(value) > MAX_ID_LENGTH:
        return f"is {len(value)} characters long: an id has at most {MAX_ID_LENGTH} characters"
    if not _ID.match(value):
        return ("is not a valid id: use lowercase ASCII letters, digits and single hyphens, "
                "like 'new-teachers-2'")
    if value in WINDOWS_DEVICES:
        return ("is a name Windows keeps for a device (con, prn, aux, nul, com0 to com9, lpt0 to "
                "lpt9): a Windows checkout could not hold its file, so choose another id")
    if value == LISTING_ID:
        return "is kept for the page that lists a whole section: choose another id"
    return None


def is_valid_id(value: str) -> bool:
    return id_problem(value) is None


def check_id(value: str) -> str:
    """The pydantic validator form of :func:`id_problem`."""
    problem = id_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value
