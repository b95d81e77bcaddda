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
})();
