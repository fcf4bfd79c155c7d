"""The catalogues of every configured language are complete, compiled, and never disagree with each other."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "thirdparty" not in path.parts
)


def test_every_app_with_strings_has_both_catalogues():
    languages = {(path.parents[3], path.parents[1].name) for path in CATALOGUES}

    for root in {root for root, _ in languages}:
        assert {(root, code) for code, _name in settings.LANGUAGES} <= languages, root


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_catalogue_is_complete_and_compiled(path):
    catalogue = polib.pofile(str(path))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    assert {(entry.msgctxt, entry.msgid) for entry in compiled if entry.msgid} == {
        (entry.msgctxt, entry.msgid) for entry in catalogue.translated_entries()
    }


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_catalogues_never_translate_the_same_message_differently(language):
    # Django merges every catalogue into one: a message translated twice silently takes one of them.
    translations = defaultdict(set)
    for path in CATALOGUES:
        if path.parents[1].name != language:
            continue
        for entry in polib.pofile(str(path)).translated_entries():
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            translations[key].add(entry.msgstr or tuple(sorted(entry.msgstr_plural.items())))

    assert {key: values for key, values in translations.items() if len(values) > 1} == {}


# The project's Latvian terms, one word for each thing (the review's list): what a catalogue must not say.
LATVIAN_GLOSSARY = {
    r"\bdarba kārtīb": "programma (not darba kārtība)",
    r"\bfail(s|a|u|i|ā|os|iem|us)\b": "datne (not fails)",
    r"\bkapacitāt": "ietilpība (not kapacitāte)",
    r"\bsaistīb": "apņemšanās (not saistības)",
    r"“": "Latvian quotation marks „…”",
    r"\bapņemšan(ai|ām)\b": "a reflexive noun has no dative: rephrase",
    r"\bVecāki\b": "Vecāki reads as 'parents'",
}
LATVIAN_CATALOGUES = [path for path in CATALOGUES if path.parents[1].name == "lv"]


@pytest.mark.parametrize(
    "path", LATVIAN_CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_latvian_catalogue_keeps_to_the_glossary(path):
    import re

    breaches = [
        (entry.msgid, rule)
        for entry in polib.pofile(str(path)).translated_entries()
        for pattern, rule in LATVIAN_GLOSSARY.items()
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if re.search(pattern, text)
    ]

    assert breaches == []


@pytest.mark.django_db
def test_admin_names_the_model_in_the_right_case_in_latvian(admin_client):
    response = admin_client.get("/lv/admin/workgroups/workinggroup/")

    assert "<title>Izvēlieties, ko labot: darba grupa" in response.content.decode()
