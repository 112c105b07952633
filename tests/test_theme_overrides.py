"""Material templates the plugin replaces stay Material's, but for what the plugin changes."""

from pathlib import Path

import material

from .conftest import ROOT

THEME = ROOT / "plugins" / "credential_catalog" / "theme"
MATERIAL = Path(material.__file__).parent / "templates"


def _body(path: Path) -> str:
    """A template without its leading {#- ... -#} comment."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("-#}") + 3:].lstrip("\n") if text.startswith("{#") else text


def test_the_search_box_is_materials_with_a_named_dialog() -> None:
    ours = _body(THEME / "partials" / "search.html")
    theirs = _body(MATERIAL / "partials" / "search.html")
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert dialog in theirs
    assert ours == theirs.replace(dialog, dialog[:-1] + ' aria-label="{{ lang.t(\'search\') }}">')
