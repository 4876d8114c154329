"""A broken seed fails before anything is written, with a message naming file, row and problem."""

from pathlib import Path

import pytest

from app.seed.errors import SeedError
from app.seed.loader import plan_seed
from tests.seed.conftest import edit


def fails(seed_dir: Path) -> str:
    with pytest.raises(SeedError) as caught:
        plan_seed(seed_dir)
    return str(caught.value)


def test_missing_quote_names_file_row_and_quote(seed_copy: Path) -> None:
    edit(seed_copy / "curation.yaml", "quote: 270 soldiers", "quote: 271 soldiers")
    message = fails(seed_copy)
    assert message.startswith("seed_data/curation.yaml: events[0] '2025-05-23-prisoner-exchange'")
    assert "quantities[4]" in message
    assert "quote not found in the text: '271 soldiers'" in message


def test_missing_date_quote(seed_copy: Path) -> None:
    edit(seed_copy / "curation.yaml", "quote: Zelensky on May 19", "quote: Zelensky on May 20")
    message = fails(seed_copy)
    assert "events[5] '2025-05-19-exchange-plan-submitted' (date)" in message
    assert "'Zelensky on May 20'" in message


def test_ambiguous_quote(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        "quote: 120 civilians have returned to Russia",
        "quote: 120 civilians",
    )
    assert "occurs 2 times" in fails(seed_copy)


def test_invalid_yaml(seed_copy: Path) -> None:
    edit(seed_copy / "curation.yaml", "negotiations:", "negotiations: [")
    assert "not valid YAML" in fails(seed_copy)


def test_unknown_field_names_the_row(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml", "    type: referendum\n", "    type: referendum\n    tpye: x\n"
    )
    message = fails(seed_copy)
    assert "events[8] '2022-referendums-in-four-regions' (tpye)" in message


def test_unknown_reference(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        "{actor: dmitry-peskov, role: speaker}",
        "{actor: peskov, role: speaker}",
    )
    assert "unknown actor 'peskov'" in fails(seed_copy)


def test_iso_codes_are_checked(seed_copy: Path) -> None:
    edit(seed_copy / "places.yaml", "iso_code: UA-14", "iso_code: UA-99")
    assert "'UA-99' is not an ISO 3166-2 subdivision code" in fails(seed_copy)


def test_subdivision_must_belong_to_its_country(seed_copy: Path) -> None:
    edit(
        seed_copy / "places.yaml",
        "iso_code: RU-KRS\n    country_code: RU",
        "iso_code: RU-KRS\n    country_code: UA",
    )
    assert "subdivision of RU" in fails(seed_copy)


def test_changed_text_is_refused(seed_copy: Path) -> None:
    article = seed_copy / "2025-05-23-pravda-ru-prisoner-exchange.txt"
    article.write_bytes(article.read_bytes().replace(b"246", b"247"))
    assert "has sha256" in fails(seed_copy)


def test_framing_words_in_parleys_voice_are_refused(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        'title: Four regions "incorporated into Russia", in the article\'s words',
        "title: Four regions of Ukraine incorporated into Russia",
    )
    message = fails(seed_copy)
    assert "'2022-four-regions-incorporated'" in message
    assert "framing ['incorporated']" in message


def test_a_chosen_date_must_keep_the_declared_order(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        'edtf: "2025-05-23"\n      quotes:\n        - quote: On Friday, March 23',
        'edtf: "2025-05-17"\n      quotes:\n        - quote: On Friday, March 23',
    )
    assert "17 May 2025 is not after 'Umerov submits the plan to Zelensky'" in fails(seed_copy)


def test_a_corrected_date_needs_a_reason(seed_copy: Path) -> None:
    path = seed_copy / "curation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      reason: >-\n        The article reports this same exchange")
    end = text.index("    stated_by: russian-ministry-of-defense", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "say why in `reason`" in fails(seed_copy)


def test_overlapping_best_figures_are_refused(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        "        total_of: [military, civilians]\n",
        "        total_of: [military, civilians]\n        best: true\n",
    )
    message = fails(seed_copy)
    assert "events[0] '2025-05-23-prisoner-exchange'" in message
    assert "figures 3 and 7 are both best figures to ukraine" in message
    assert "'military' and 'people' overlap" in message
    assert "figures 4 and 7" in message


def test_a_total_names_parts_its_category_contains(seed_copy: Path) -> None:
    edit(seed_copy / "curation.yaml", "total_of: [military, civilians]", "total_of: [bodies]")
    assert "cannot be the total of bodies: 'people' does not contain them" in fails(seed_copy)


def test_a_worked_out_figure_needs_its_reason(seed_copy: Path) -> None:
    path = seed_copy / "curation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('        reason: >-\n          "The same number of individuals"')
    end = text.index("        total_of: [military, civilians]", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "quantities[6]" in (message := fails(seed_copy))
    assert "a derived or inferred figure needs a `reason`" in message


def test_a_state_never_speaks(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        "    stated_by: pravda-ru\n    place: donetsk-oblast\n    as_of: &at-talks",
        "    stated_by: russia\n    place: donetsk-oblast\n    as_of: &at-talks",
    )
    message = fails(seed_copy)
    assert "claims[13] '2025-05-16-russia-withdrawal-demand-donetsk'" in message
    assert "stated_by 'russia' is a state" in message


def test_narrated_positions_need_an_attribution_flag(seed_copy: Path) -> None:
    edit(seed_copy / "curation.yaml", "    flags: *refusal-attribution\n", "", count=4)
    message = fails(seed_copy)
    assert "claims[5] 'ukraine-non-recognition-luhansk'" in message
    assert "add an `attribution` flag" in message


def test_an_agreed_outcome_says_how_far_it_is_delivered(seed_copy: Path) -> None:
    path = seed_copy / "curation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(
        "        delivery:\n          state: unknown\n          as_of:\n            edtf"
    )
    end = text.index("        citations:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    message = fails(seed_copy)
    assert "outcomes[1] 'istanbul-2025-exchange-date-agreed'" in message
    assert "says how far it is delivered" in message


def test_prose_quotes_only_the_source(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        'the exchange will continue in the "coming',
        'the "large-scale exchange" will continue in the "coming',
    )
    message = fails(seed_copy)
    assert "'2025-05-23-exchange-to-continue'" in message
    assert "quotes words the source does not hold: ['large-scale exchange']" in message


def test_prose_writes_dates_as_labels(seed_copy: Path) -> None:
    edit(
        seed_copy / "curation.yaml",
        "Parley dates it 23 May 2025 (see the flags).",
        "Parley dates it 2025-05-23~ (see the flags).",
    )
    assert "prose holds raw EDTF ['2025-05-23~']" in fails(seed_copy)
