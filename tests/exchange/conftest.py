from pathlib import Path

import pytest

from tests.factories import jst, make_event, make_organization, make_user
from tests.review_helpers import Cast

SAMPLES = Path(__file__).resolve().parents[2] / "example_site" / "samples"


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.fixture
def forum(calendar):
    """The demo's fixed event that the sample CSV's row NO 4 repeats, by 大阪府."""
    osaka = make_organization(body_types=("local_government",), name_ja="大阪府", name_en="Osaka")
    return make_event(
        calendar,
        organizations=[osaka],
        title="高度外国人材 就職フォーラム2027",
        title_en="Job Forum for Highly Skilled Foreign Professionals 2027",
        slug="forum-2027",
        start=jst(2027, 2, 10, 14, 0),
        end=jst(2027, 2, 10, 17, 0),
        venue_name_ja="大阪国際会議場",
        address_ja="大阪府大阪市北区中之島5-3-51",
        prefecture="osaka",
        detail_url="https://example.org/forum-2027",
    )


@pytest.fixture
def proxy(db):
    return make_user("proxy")


def sample(name):
    return (SAMPLES / name).read_bytes()
