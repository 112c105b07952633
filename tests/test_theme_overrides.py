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


def test_the_search_box_is_materials_with_a_named_dialog_and_a_link_to_the_credentials_search() -> None:
    ours = _body(THEME / "partials" / "search.html")
    theirs = _body(MATERIAL / "partials" / "search.html")
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    # Material's script finds the count as the results' first child and the list as their last.
    results = '          <ol class="md-search-result__list" role="presentation"></ol>'
    assert dialog in theirs and results in theirs
    link = ('          <p class="cc-search-browse"><a href="{{ \'credentials/\' | url }}">'
            '<span data-md-score="-1">Search credentials by need</span></a></p>\n')
    assert ours == theirs.replace(dialog, dialog[:-1] + ' aria-label="{{ lang.t(\'search\') }}">').replace(
        results, link + results)
