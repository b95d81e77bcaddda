// The posting-rules verdict of the event form as it is being edited: on every
// change, the form is POSTed (nothing is saved) and the verdict replaced.
(function () {
  function init(container) {
    var form = container.closest("form");
    if (!form) return;
    var timer = null;
    function refresh() {
      var data = new FormData(form);
      ["action-publish", "action-submit"].forEach(function (name) { data.delete(name); });
      data.set("page_id", container.dataset.pageId || "");
      fetch(container.dataset.url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) container.innerHTML = html; })
        .catch(function () { /* keep the last verdict */ });
    }
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 600);
    }
    form.addEventListener("change", schedule);
    form.addEventListener("w-formset:added", schedule);
    form.addEventListener("w-formset:removed", schedule);
    // A new form shows no verdict until something is entered: judged
    // empty, every event would be refused.
  }
  function start() {
    document.querySelectorAll("[data-eventcal-verdict-live]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
