"""French plural forms: « 0 fiche », « 1 résultat », « 2 résultats ».

Source strings are French; without a French catalog Django falls back on the English rule (only 1
is singular). locale/fr holds one entry per message (``make messages`` regenerates it) so the
French rule, plural for n > 1, applies everywhere."""

import gettext
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOG = BASE_DIR / "locale" / "fr" / "LC_MESSAGES"
PLURAL_BLOCK = re.compile(r"{% blocktranslate count \w+=([^%]*)%}(.*?){% plural %}", re.S)


def template_plural_messages():
    """The singular message of every ``blocktranslate count`` in the project's templates."""
    found = set()
    for path in BASE_DIR.glob("*/templates/**/*.html"):
        if path.parts[len(BASE_DIR.parts)] in {".venv", "node_modules", "var"}:
            continue
        for options, text in PLURAL_BLOCK.findall(path.read_text()):
            if "trimmed" in options.split():  # Django's rule: lines stripped, joined by a space
                text = " ".join(line.strip() for line in text.splitlines() if line.strip())
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", text))
    return found


def compiled_catalog():
    with (CATALOG / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def test_every_plural_message_of_the_templates_is_in_the_compiled_catalog():
    messages = template_plural_messages()
    assert len(messages) > 10  # the scan still finds them
    catalog = compiled_catalog()
    # A plural entry is stored under (msgid, form); a message missing from it falls back on
    # the English rule.
    missing = {m for m in messages if (m, 0) not in catalog._catalog}
    assert missing == set(), "make messages"


def test_the_catalog_uses_the_french_rule():
    assert compiled_catalog().plural(0) == 0 and compiled_catalog().plural(2) == 1


@pytest.mark.parametrize("count, shown", [(0, "0 fiche"), (1, "1 fiche"), (2, "2 fiches")])
def test_counts_read_the_french_way(count, shown):
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} fiche"
        "{% plural %}{{ counter }} fiches{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert template.render(Context({"n": count})) == shown


def test_each_message_is_its_own_translation():
    # The catalog only brings the French plural rule: a guess carried over by a merge (a fuzzy
    # match made a translation) would show readers another sentence than the code's.
    catalog = compiled_catalog()._catalog
    changed = {
        key: text
        for key, text in catalog.items()
        if key
        and (key[0] if isinstance(key, tuple) and key[1] == 0 else key) != text
        and not (isinstance(key, tuple) and key[1] > 0)
    }
    assert changed == {}
