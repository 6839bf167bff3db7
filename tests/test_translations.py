"""The English interface catalogue is complete and its compiled .mo is current."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', re.M)


def unquote(lines):
    return "".join(
        bytes(part, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for part in re.findall(r'"((?:[^"\\]|\\.)*)"', lines)
    )


def po_entries(language):
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in text, "fuzzy entries are not compiled; review them"
    return {
        unquote(msgid): unquote(msgstr) for msgid, msgstr in ENTRY.findall(text) if unquote(msgid)
    }


@pytest.mark.parametrize("language", ["en"])
def test_every_interface_string_is_translated(language):
    untranslated = [msgid for msgid, msgstr in po_entries(language).items() if not msgstr]
    assert untranslated == []


@pytest.mark.parametrize("language", ["en"])
def test_compiled_catalogue_matches_the_po_file(language):
    catalogue = gettext.translation("django", localedir=LOCALE_DIR, languages=[language])
    stale = {
        msgid: msgstr
        for msgid, msgstr in po_entries(language).items()
        if "\x00" not in msgid and catalogue.gettext(msgid) != msgstr
    }
    assert stale == {}, "run `make messages` to recompile"
