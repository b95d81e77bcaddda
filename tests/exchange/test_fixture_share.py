"""The share of events that become drafts on the quirk fixtures
(``data/quirks``: small files written for this project, each reproducing
what real exports do — Google, Outlook 365, Exchange 2010, Apple,
Thunderbird, a community feed, both municipal layouts — plus one file of
deliberately broken events). The figures are in docs/import.md."""

from pathlib import Path

import pytest

from wagtail_eventcal.exchange.importer import prepare, read_rows
from wagtail_eventcal.exchange.readers import FileError

QUIRKS = Path(__file__).parent / "data" / "quirks"
BROKEN = "broken_events.ics"
#: The import form's defaults: no category or prefecture chosen.
DEFAULTS = {"category": "", "prefecture": ""}


def outcome(path, organization):
    """(events, recurring, drafts, refused file message or "")."""
    try:
        rows, _notes = read_rows(path.read_bytes(), path.name)
    except FileError as error:
        return 0, 0, 0, str(error)
    prepare(rows, organization=organization, role="organizer", defaults=dict(DEFAULTS))
    recurring = sum(1 for row in rows if any(c == "RRULE" for c, _m in row.errors))
    drafts = sum(1 for row in rows if row.action == "create")
    return len(rows), recurring, drafts, ""


@pytest.fixture
def table(cast):
    return {path.name: outcome(path, cast.ministry) for path in sorted(QUIRKS.iterdir())}


def test_at_least_95_percent_of_the_non_recurring_events_become_drafts(table):
    for name, (events, recurring, drafts, refused) in table.items():
        print(f"{name}: {drafts}/{events - recurring} drafts ({recurring} recurring) {refused}")
    real = [v for name, v in table.items() if name != BROKEN]
    assert not any(refused for *_counts, refused in real)
    events = sum(e - r for e, r, _d, _f in real)
    drafts = sum(d for _e, _r, d, _f in real)
    assert events == 25 and drafts / events >= 0.95, (drafts, events)


def test_the_broken_file_keeps_its_good_events(table):
    events, recurring, drafts, refused = table[BROKEN]
    # The good one, the one without UID and the one with a 300-character UID.
    assert (events, recurring, drafts, refused) == (7, 0, 3, "")


def test_no_time_is_silently_shifted(cast):
    rows = {
        row.key: row
        for row in read_rows((QUIRKS / "exchange2010.ics").read_bytes(), "exchange2010.ics")[0]
    }
    osaka = rows["ics:exchange-2010-0001"]
    assert osaka.values["start"].isoformat() == "2027-02-22T13:00:00+09:00" and not osaka.warnings
    new_york = rows["ics:exchange-2010-0002"]
    assert [c for c, _m in new_york.warnings] == ["DTSTART", "DTEND"]
    outlook = read_rows((QUIRKS / "outlook365.ics").read_bytes(), "outlook365.ics")[0]
    assert outlook[0].values["start"].isoformat() == "2027-01-20T14:00:00+09:00"
    berlin = outlook[1]  # Central Europe Standard Time: from the Windows table
    assert berlin.values["start"].isoformat() == "2027-03-10T18:00:00+09:00"
    assert not berlin.warnings
