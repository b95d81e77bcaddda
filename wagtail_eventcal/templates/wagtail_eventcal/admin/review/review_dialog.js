/* The review's action dialog (issue 19 point 3). Wagtail's ModalWorkflow
   builds the dialog frame (a Bootstrap modal: role="dialog", no name, no
   aria-modal) and replaces its body with each response; this runs each time
   the plugin's dialog body (action_modal.html) is put in:
   - names the frame after the dialog's heading and marks it aria-modal;
   - Escape closes it through Wagtail's own close button, so that Wagtail
     gives the focus back to the button that opened it;
   - the focus goes to the error summary after a failed submit (the old body
     and the focus with it are gone), else to the first field. */
(function () {
  "use strict";
  var content = document.querySelector("[data-eventcal-review-dialog]");
  if (!content) return;
  var frame = content.closest("[role='dialog']");
  var heading = content.querySelector("#eventcal-review-dialog-title");
  if (frame) {
    frame.setAttribute("aria-modal", "true");
    if (heading) frame.setAttribute("aria-labelledby", heading.id);
    if (!frame.hasAttribute("data-eventcal-escape")) {
      frame.setAttribute("data-eventcal-escape", "");
      var onKey = function (event) {
        if (!document.body.contains(frame)) {
          document.removeEventListener("keydown", onKey);
          return;
        }
        if (event.key === "Escape") {
          var close = frame.querySelector("[data-dismiss='modal']");
          if (close) {
            event.preventDefault();
            close.click();
          }
        }
      };
      document.addEventListener("keydown", onKey);
    }
  }
  var target =
    content.querySelector("[data-eventcal-error-summary]") ||
    content.querySelector("textarea, select, input:not([type='hidden'])");
  if (!target) return;
  var focusTarget = function () {
    target.focus();
  };
  focusTarget();
  // On first opening Bootstrap focuses the frame once it is shown: after that.
  if (frame && window.jQuery) window.jQuery(frame).one("shown.bs.modal", focusTarget);
})();
