"""Each kind of bad input gets its precise file:line:col: field: message."""

from collections.abc import Callable
from pathlib import Path

import pytest

from credential_catalog.loader import load_catalog
from credential_catalog.problems import CatalogError

Write = Callable[[str, str], Path]


def problems(tiny: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(tiny / "catalog")
    return [str(p) for p in info.value.problems]


def edit(tiny: Path, relative: str, old: str, new: str) -> None:
    path = tiny / "catalog" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CRED = "credentials/asking-questions.yml"


def test_fixture_is_valid(tiny: Path) -> None:
    catalog = load_catalog(tiny / "catalog")
    assert sorted(catalog.credentials) == ["asking-questions", "speaking-up", "weighing-evidence"]


def test_malformed_yaml(tiny: Path) -> None:
    edit(tiny, CRED, "summary: Students", "summary: [Students")
    [problem] = problems(tiny)
    assert problem.startswith("catalog/credentials/asking-questions.yml:4:")
    assert problem.endswith("invalid YAML: the \"[\" on line 3 (column 10) is never closed with \"]\", "
                            "or two of its items have no comma between them")


def test_duplicate_key(tiny: Path) -> None:
    edit(tiny, CRED, "estimated_hours: 8\n", "estimated_hours: 8\nestimated_hours: 9\n")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:36:1: duplicate key 'estimated_hours' "
        "(first defined on line 35); the earlier value would be lost"]


def test_unknown_field_with_suggestion(tiny: Path) -> None:
    edit(tiny, CRED, "rationale:", "rationnale:")
    found = problems(tiny)
    assert "catalog/credentials/asking-questions.yml:11:1: rationnale: unknown field " \
           "(did you mean 'rationale'?)" in found
    assert "catalog/credentials/asking-questions.yml:1:1: rationale: required field is missing" \
        in found


def test_nested_unknown_field(tiny: Path) -> None:
    edit(tiny, CRED, "          passing: true", "          pasing: true")
    found = problems(tiny)
    assert "catalog/credentials/asking-questions.yml:23:11: submission.evidence[0]" \
           ".scoring_guide[0].pasing: unknown field (did you mean 'passing'?)" in found


def test_wrong_type(tiny: Path) -> None:
    edit(tiny, CRED, "estimated_hours: 8", "estimated_hours: eight")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:35:18: estimated_hours: "
        "expected a number, not 'eight'"]


def test_unquoted_version_is_a_type_error(tiny: Path) -> None:
    edit(tiny, CRED, 'version: "1.0"', "version: 1.0")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:37:10: version: expected text, not 1.0; "
        "put the value in quotes"]


def test_bad_vocabulary_value(tiny: Path) -> None:
    edit(tiny, CRED, "artifact_kinds: [student-work-samples]",
         "artifact_kinds: [student-work-sample]")
    [problem] = problems(tiny)
    assert problem.startswith("catalog/credentials/asking-questions.yml:20:24: "
                              "submission.evidence[0].artifact_kinds[0]: 'student-work-sample' is not "
                              "allowed here; choose one of: lesson-plan, unit-plan, ")
    assert problem.endswith("(did you mean 'student-work-samples'?)")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("estimated_hours: 8", "estimated_hours: 0", "35:18: estimated_hours: must be more than 0, not 0"),
    ("estimated_hours: 8", "estimated_hours: [8]", "35:18: estimated_hours: expected a number, not a list"),
    ("related: [weighing-evidence]", "related: weighing-evidence",
     "32:10: related: expected a list, not 'weighing-evidence'"),
    ('version: "1.0"', 'version: "one"', '37:10: version: \'one\' is not a version: write it in quotes'),
    ("last_reviewed: 2026-01-15", "last_reviewed: soon",
     "38:16: last_reviewed: expected a date written as YYYY-MM-DD, not 'soon'"),
])
def test_messages_are_the_catalogs_own(tiny: Path, old: str, new: str, expected: str) -> None:
    edit(tiny, CRED, old, new)
    [problem] = problems(tiny)
    assert problem.startswith(f"catalog/{CRED}:{expected}")


def test_unknown_reference_with_did_you_mean(tiny: Path) -> None:
    edit(tiny, CRED, "related: [weighing-evidence]", "related: [weighing-evidense]")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:32:11: related[0]: unknown credential "
        "'weighing-evidense' (did you mean 'weighing-evidence'?)"]


def test_same_id_in_two_files(tiny: Path, write: Write) -> None:
    source = (tiny / "catalog" / CRED).read_text(encoding="utf-8")
    write("credentials/more/asking-questions.yaml", source)
    assert problems(tiny) == [
        "catalog/credentials/more/asking-questions.yaml:1:1: id: id 'asking-questions' is "
        "already used by catalog/credentials/asking-questions.yml"]


def test_pathway_cycle(tiny: Path, write: Write) -> None:
    write("pathways/a.yml", "title: A\nsummary: a\ndescription: a\naudience: [librarian]\n"
                            "steps:\n  - pathway: b\n")
    write("pathways/b.yml", "title: B\nsummary: b\ndescription: b\naudience: [librarian]\n"
                            "steps:\n  - credentials: [speaking-up]\n  - pathway: a\n")
    assert problems(tiny) == [
        "catalog/pathways/b.yml:9:14: steps[1].pathway: pathways form a cycle: a → b → a"]


def test_missing_required_field_points_at_parent(tiny: Path) -> None:
    edit(tiny, CRED, "      word_limit: 200\n", "")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:15:7: submission.overview_questions[0]"
        ".word_limit: required field is missing"]


def test_all_errors_in_one_pass(tiny: Path, write: Write) -> None:
    edit(tiny, CRED, "estimated_hours: 8", "estimated_hours: -1")
    write("stacks/broken.yml", "title: Broken\nsummary: x\nrationale: y\n"
                               "credentials: [asking-questions, nope]\nneed: z\n")
    write("categories/empty.yml", "")
    found = problems(tiny)
    assert len(found) == 3, found
    assert any(p.startswith("catalog/categories/empty.yml:1:1: the file is empty") for p in found)
    assert any("stacks/broken.yml:4:33: credentials[1]: unknown credential 'nope'" in p
               for p in found)


def test_invalid_file_names(tiny: Path, write: Write) -> None:
    write("credentials/Bad Name.yml", "title: x\n")
    write("credentials/cafe\u0301.yml", "title: x\n")
    found = problems(tiny)
    assert any(p.startswith("catalog/credentials/Bad Name.yml:1:1: id: file name") for p in found)
    assert len(found) == 2


def test_index_is_not_an_id(tiny: Path, write: Write) -> None:
    source = (tiny / "catalog" / "stacks" / "inquiry.yml").read_text(encoding="utf-8")
    write("stacks/index.yml", source)
    assert problems(tiny) == [
        "catalog/stacks/index.yml:1:1: id: file name 'index' is kept for the page that lists a "
        "whole section: choose another id"]


def test_unknown_folder(tiny: Path, write: Write) -> None:
    write("stack/extra.yml", "title: x\n")
    [problem] = problems(tiny)
    assert "YAML files in folder 'stack' are not read (did you mean 'stacks'?)" in problem


def test_retired_credential_required_by_active_pathway(tiny: Path) -> None:
    edit(tiny, "credentials/weighing-evidence.yml", "last_reviewed: 2026-02-01",
         "last_reviewed: 2026-02-01\nstatus: retired")
    assert problems(tiny) == [
        "catalog/pathways/starter.yml:10:19: steps[1].credentials[0]: retired credential "
        "'weighing-evidence' is still required by this active pathway"]


def test_alias_is_refused(tiny: Path, write: Write) -> None:
    write("categories/alias.yml", "title: &t Alias\nnumber: 3\nsummary: *t\n"
                                  "description: d\nindicators: [a]\n")
    [problem] = problems(tiny)
    assert problem.startswith("catalog/categories/alias.yml:3:10:")
    assert "aliases" in problem


def test_text_rules(tiny: Path) -> None:
    edit(tiny, CRED, "rationale: Questions give", "rationale: <script>alert(1)</script> Questions give")
    edit(tiny, CRED, "key_method: Students draft", "key_method: See https://example.org. Students draft")
    found = problems(tiny)
    assert "catalog/credentials/asking-questions.yml:11:12: rationale: raw HTML is not allowed; " \
           "use plain text or Markdown emphasis" in found
    assert any(p.startswith("catalog/credentials/asking-questions.yml:5:13: key_method: links")
               for p in found)


def test_placeholder_is_refused(tiny: Path) -> None:
    edit(tiny, CRED, "summary: Students", "summary: TODO Students")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:3:10: summary: replace the TODO placeholder "
        "with real text"]


def test_rules_across_fields_point_at_the_field(tiny: Path) -> None:
    with open(tiny / "catalog" / CRED, "a", encoding="utf-8") as file:
        file.write("successor: speaking-up\n")
    last = len((tiny / "catalog" / CRED).read_text(encoding="utf-8").splitlines())
    found = problems(tiny)
    assert f"catalog/{CRED}:{last}:12: successor: only a retired credential names a successor" in found


def test_standard_missing_an_audience(tiny: Path) -> None:
    edit(tiny, "standards/data.yml", "  states:\n    - Offer a statewide data dashboard.\n", "")
    edit(tiny, "standards/outcomes.yml", "  issuers:\n    - Align credentials with student standards.",
         "  issuers: []")
    assert problems(tiny) == [
        "catalog/standards/data.yml:8:3: recommendations.states: required field is missing",
        "catalog/standards/outcomes.yml:12:12: recommendations.issuers: needs at least 1 item"]


STACK = "title: {title}\nsummary: A set.\nrationale: They fit.\ncredentials: [{members}]\n"


def test_a_stack_answers_a_need_and_never_copies_a_category(tiny: Path, write: Write) -> None:
    write("stacks/thinking-copy.yml", STACK.format(title="Thinking", members="weighing-evidence, "
                                                   "asking-questions") + "need: Students think.\n")
    write("stacks/no-need.yml", STACK.format(title="No need", members="speaking-up, asking-questions"))
    write("stacks/nowhere.yml", STACK.format(title="Old", members="speaking-up, asking-questions")
          + "status: retired\n")
    write("stacks/pointing.yml", STACK.format(title="Pointing", members="speaking-up, asking-questions")
          + "need: Students talk.\nsuccessors: [retired-copy]\n")
    write("stacks/retired-copy.yml", STACK.format(title="Retired copy", members="asking-questions, "
                                                  "weighing-evidence")
          + "status: retired\ncategory: thinking\n")
    write("stacks/to-retired.yml", STACK.format(title="To retired", members="speaking-up, weighing-evidence")
          + "status: retired\nsuccessors: [retired-copy]\n")
    assert problems(tiny) == [
        "catalog/stacks/no-need.yml:1:1: need: an active stack states the need it answers",
        "catalog/stacks/nowhere.yml:1:1: successors: a retired stack points somewhere: name successors "
        "or the category it copied",
        "catalog/stacks/pointing.yml:6:13: successors: only a retired stack names successors",
        "catalog/stacks/thinking-copy.yml:4:14: credentials: these are exactly the credentials of the "
        "category 'thinking', which its page already lists: a stack answers a need, so choose the "
        "credentials for that need",
        "catalog/stacks/to-retired.yml:6:14: successors[0]: successor 'retired-copy' is itself retired"]


def test_every_alignment_gives_its_own_one_sentence_reason(tiny: Path) -> None:
    edit(tiny, CRED, "what each student needs to learn next.", "what each student needs. Then more.")
    edit(tiny, "credentials/speaking-up.yml", "Each talk states a claim about the content the class is "
         "studying.", "Rated sources give the teacher a record of how each student judges evidence.")
    edit(tiny, "credentials/speaking-up.yml", "standard: outcomes", "standard: data")
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:33:38: standards[0].reason: must be one sentence, "
        "ending with a full stop",
        "catalog/credentials/weighing-evidence.yml:27:38: standards[0].reason: the same reason is given "
        "for 'speaking-up': say why this credential supports 'data'"]


def test_a_dash_line_swallowed_by_the_text_above_is_refused(tiny: Path) -> None:
    edit(tiny, CRED, "            - Each list has at least five questions.\n",
         "            - Each list has at least five questions.\n"
         "             - Questions are sorted into open and closed.\n")
    edit(tiny, CRED, "    explanation: Students write many questions quickly.",
         "    explanation: Students write many questions\n      - quickly.")
    edit(tiny, "credentials/speaking-up.yml", "rationale: ", "rationale: >-\n  Why:\n\n  - a list item\n\n  ")
    assert problems(tiny) == [
        f"catalog/{CRED}:8:18: method_components[0].explanation: line 9 starts with \"- \" but is "
        "read as part of this text; to write a list inside the text, start the text with | on the "
        "line of its field, or quote the text if the dash belongs to it"]
    edit(tiny, CRED, "    explanation: Students write many questions\n      - quickly.",
         "    explanation: \"Students write many questions\n      - quickly.\"")
    assert problems(tiny) == [
        f"catalog/{CRED}:26:15: submission.evidence[0].scoring_guide[0].criteria[0]: line 27 starts "
        "with \"- \" but is read as part of this text; line it up with the \"-\" above to make it a "
        "separate item, or quote the text if the dash belongs to it"]
    edit(tiny, CRED, "             - Questions are", "            - Questions are")
    load_catalog(tiny / "catalog")


def test_a_scoring_guide_missing_a_level_says_which(tiny: Path) -> None:
    edit(tiny, CRED, "        - level: Not yet\n          passing: false\n          criteria:\n"
                     "            - Fewer than five questions per list.\n", "")
    edit(tiny, "credentials/speaking-up.yml", "        - level: Passing\n          passing: true\n"
         "          criteria:\n            - The talk states a claim in the first minute.\n", "")
    rule = "needs a passing level (passing: true) and a level that is not passing (passing: false)"
    assert problems(tiny) == [
        f"catalog/{CRED}:22:9: submission.evidence[0].scoring_guide: {rule}: its only level, "
        "'Passing', is passing, so add a level that is not passing",
        "catalog/credentials/speaking-up.yml:19:9: submission.evidence[0].scoring_guide: "
        f"{rule}: its only level, 'Not yet', is not passing, so add the passing level"]


def test_a_scoring_guide_of_two_passing_levels(tiny: Path) -> None:
    edit(tiny, CRED, "          passing: false", "          passing: true")
    assert problems(tiny) == [
        f"catalog/{CRED}:22:9: submission.evidence[0].scoring_guide: needs at least one level with "
        "passing: false"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    explanation: Students sort", "  explanation: Students sort",
     "10:3: invalid YAML: this line is indented differently from the line above it: line up "
     "`explanation` with `name` of the same item (column 5), or start a new item with \"- \""),
    ("    explanation: Students sort", "      explanation: Students sort",
     "10:7: invalid YAML: `explanation` is indented more than `name` above it, so it is read as part "
     "of that field's text: line up `explanation` with `name` (column 5)"),
    ("        - level: Not yet", "          - level: Not yet",
     "26:11: invalid YAML: this line is indented differently from the list above it: line up its "
     "\"-\" with the \"-\" on line 22 (column 9)"),
    ("summary: Students write", "summary: Note: Students write",
     "3:14: invalid YAML: this value holds \": \" (a colon and a space), which YAML reads as the start "
     "of a field: put the whole value in quotes"),
    ("estimated_hours: 8", "estimated_hours:8\nhours",
     "35:1: invalid YAML: line 35 is not a field: write it as `name: value`, with a space after the "
     "colon; if it continues the text above, indent it more than that field's name"),
    ("      word_limit: 200", "\tword_limit: 200",
     "16:1: invalid YAML: a tab is used for indentation here: indent with spaces"),
    ('version: "1.0"', 'version: "1.0',
     "37:10: invalid YAML: this quote is never closed: end the value with the same quote"),
    ("keywords: [student curiosity, inquiry]", "keywords: [student curiosity, inquiry",
     "40:11: invalid YAML: the \"[\" here is never closed with \"]\", or two of its items have no comma "
     "between them"),
])
def test_yaml_structure_errors_say_what_to_check(tiny: Path, old: str, new: str, expected: str) -> None:
    edit(tiny, CRED, old, new)
    assert problems(tiny) == [f"catalog/{CRED}:{expected}"]


def test_a_field_indented_into_the_wrong_mapping_is_named(tiny: Path) -> None:
    edit(tiny, CRED, "  reflection:\n    - What surprised you?\n",
         "      reflection:\n        - What surprised you?\n")
    edit(tiny, CRED, "related: [weighing-evidence]\n", "  related: [weighing-evidence]\n")
    assert problems(tiny) == [
        f"catalog/{CRED}:30:7: submission.evidence[0].reflection: unknown field; check its "
        "indentation: `reflection` belongs under `submission`",
        f"catalog/{CRED}:32:3: submission.related: unknown field; check its indentation: `related` "
        "belongs at the top of the file, not indented"]
