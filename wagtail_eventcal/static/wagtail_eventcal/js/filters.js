// The filter form sits in a <details> so that a phone shows the first event
// on its first screen; wider screens get it open, without the toggle.
// Without JavaScript the toggle stays, on every screen.
(function () {
  const panel = document.querySelector("[data-eventcal-filters]");
  if (!panel) return;
  const wide = window.matchMedia("(min-width: 40.0625rem)");
  function sync() {
    panel.classList.toggle("eventcal-filters-panel--wide", wide.matches);
    if (wide.matches) panel.open = true;
  }
  sync();
  wide.addEventListener("change", sync);

  // Only what is set goes into the address: "?category=seminar", not every
  // empty field ("?q=&category=seminar&prefecture=&…"). Without JavaScript
  // the empty fields are sent and mean "any".
  const form = panel.querySelector("form");
  if (!form) return;
  form.addEventListener("formdata", function (event) {
    const data = event.formData;
    for (const name of new Set(data.keys())) {
      const kept = data.getAll(name).filter(function (value) { return value !== ""; });
      data.delete(name);
      kept.forEach(function (value) { data.append(name, value); });
    }
  });
})();
