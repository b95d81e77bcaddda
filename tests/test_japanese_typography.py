"""One Japanese typographic style everywhere (docs/japanese-typography.md):
every Japanese string of the plugin's catalogues and templates is checked
against the rules, so a new string that breaks one fails here."""

import re
from pathlib import Path

import pytest

import wagtail_eventcal

PACKAGE = Path(wagtail_eventcal.__file__).parent
JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff]"
ENTRY = re.compile(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', re.M)

#: (rule, pattern that breaks it)
RULES = [
    ("no space before 件 (「22件」)", re.compile(r"[ \u3000]件")),
    ("a full-width colon after Japanese (「主催：」)", re.compile(JAPANESE + r"[)）」]?:")),
    ("no space after a full-width colon", re.compile(r"：[ \u3000]")),
    (
        "full-width brackets around Japanese (「（土）」)",
        re.compile(r"\([^()]*" + JAPANESE + r"[^()]*\)"),
    ),
]


def _unquote(block):
    return "".join(line.strip()[1:-1] for line in block.splitlines() if line.strip())


def catalogue_strings():
    for po in sorted(PACKAGE.glob("**/ja/LC_MESSAGES/*.po")):
        for block in ENTRY.findall(po.read_text("utf-8")):
            text = _unquote(block).replace('\\"', '"').replace("\\n", "\n")
            if re.search(JAPANESE, text):
                yield f"{po.relative_to(PACKAGE)}: {text}", text


def template_strings():
    """Japanese written straight into a template (not through the catalogue),
    with template tags and variables taken out."""
    for path in sorted((PACKAGE / "templates").glob("**/*")):
        if path.suffix not in (".html", ".txt"):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", "", line)
            if re.search(JAPANESE, text):
                yield f"{path.relative_to(PACKAGE)}:{number}: {text.strip()}", text


def test_the_scanners_find_the_strings():
    assert sum(1 for _ in catalogue_strings()) > 500


@pytest.mark.parametrize("rule, pattern", RULES, ids=[rule for rule, _pattern in RULES])
def test_every_japanese_string_follows_the_rule(rule, pattern):
    broken = [
        where
        for where, text in (*catalogue_strings(), *template_strings())
        if pattern.search(text)
    ]
    assert broken == [], f"{rule}:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    "text, breaks",
    [
        ("開催予定のイベント （22件）", False),
        ("今月のイベント 8 件", True),
        ("メール: info@example.org", True),
        ("主催：大阪府", False),
        ("主催： 大阪府", True),
        ("(月)", True),
        ("（土）", False),
        ("Tel: 03", False),
    ],
)
def test_the_rules_catch_what_they_should(text, breaks):
    assert any(pattern.search(text) for _rule, pattern in RULES) is breaks
