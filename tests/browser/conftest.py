"""Browser tests: Playwright for Python driving Debian's Chromium against
pytest-django's live server of the example site.

Every test module here is marked ``browser``; a failing test leaves a screenshot and
the page's HTML under ``test-artifacts/``.
"""

import os
import re
from pathlib import Path

import pytest

from tests import tools

# Headless as root, and no calls home (this machine has no network for them).
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    executable = tools.chromium()  # skipped loudly, or failed under CI=true
    from playwright.sync_api import sync_playwright

    # From here on Playwright's sync API keeps an event loop in this thread,
    # and Django would refuse the ORM calls the tests make between browser
    # steps (plain synchronous code). Browser tests are transactional, so
    # pytest-django runs them after all the ordinary tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile directory.
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, chromium_sandbox=False, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server):
    """The live server's base URL (the example site, with the test database)."""
    return live_server.url


@pytest.fixture
def open_page(browser, request, site):
    """``open_page()`` → a page in a new browser context (its own cookies:
    one per person in a multi-user flow). Every page opened is saved when
    the test fails. A Content-Security-Policy violation on any page fails
    the test (the site's policy: example_site/csp.py)."""
    contexts = []
    violations = []

    def open_page():
        context = browser.new_context(
            base_url=site,
            locale="en-GB",
            timezone_id="Asia/Tokyo",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        # Nothing leaves the machine: any request to another host is refused
        # (tests that need an outside page route it themselves first).
        page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield open_page
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        for page in context.pages:
            if report is not None and report.failed:
                save_artifacts(page, f"{request.node.nodeid}-{number}")
        context.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def page(open_page):
    return open_page()


def save_artifacts(page, nodeid):
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", nodeid)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # the page may be gone; the test's own error matters more
        print(f"could not save artifacts for {nodeid}: {error}")
