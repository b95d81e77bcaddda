"""What the keyboard focus is on, and whether it can be seen: the focused
element's outline and the colour behind it, for the keyboard tests."""

FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const parse = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  // The colour the ring is drawn on: outside the element (positive offset)
  // that is its parent's background, inside it the element's own; layers
  // of translucent backgrounds are composited down to the page's white.
  const style = getComputedStyle(el);
  const offset = parseFloat(style.outlineOffset) || 0;
  let node = offset >= 0 ? el.parentElement : el;
  const layers = [];
  for (; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  let base = {r: 255, g: 255, b: 255};
  for (let i = layers.length - 1; i >= 0; i--) {
    const c = layers[i];
    base = {r: c.r * c.a + base.r * (1 - c.a), g: c.g * c.a + base.g * (1 - c.a),
            b: c.b * c.a + base.b * (1 - c.a)};
  }
  const label = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute("name") || "",
    text: label.slice(0, 80),
    href: el.getAttribute("href") || "",
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: parse(style.outlineColor),
    boxShadow: style.boxShadow,
    background: base,
  };
}
"""


def focused(page):
    return page.evaluate(FOCUS_JS)


def luminance(colour):
    def channel(value):
        value = value / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour["r"])
        + 0.7152 * channel(colour["g"])
        + 0.0722 * channel(colour["b"])
    )


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ring_contrast(info):
    """Contrast of the focus outline against what is behind it (0 without
    a visible outline)."""
    if info["outlineStyle"] in ("none", "hidden") or info["outlineWidth"] < 2:
        return 0
    return contrast(info["outlineColor"], info["background"])


def tab_through(page, count, *, reverse=False):
    """Press Tab ``count`` times; the distinct elements focused, in order."""
    seen = []
    for _ in range(count):
        page.keyboard.press("Shift+Tab" if reverse else "Tab")
        info = focused(page)
        if info and (not seen or (info["id"], info["text"], info["href"]) != key(seen[-1])):
            seen.append(info)
    return seen


def key(info):
    return (info["id"], info["text"], info["href"])
