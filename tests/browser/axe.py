"""Run the vendored axe-core (vendor/axe.min.js, from the npm package) in a
Playwright page and report WCAG 2.1 A/AA violations."""

from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, context=None, exclude=()):
    """Violations on the current page (or within the CSS selector ``context``);
    ``exclude`` lists selectors of parts that are not ours to fix."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, which the site's Content-Security-Policy
        # does not govern (it refuses an inline <script>, as it should).
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    target = {"include": [context] if context else [["html"]], "exclude": [[s] for s in exclude]}
    result = page.evaluate(
        "([target, tags]) => axe.run(target, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        [target, WCAG_21_AA],
    )
    return result["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)
