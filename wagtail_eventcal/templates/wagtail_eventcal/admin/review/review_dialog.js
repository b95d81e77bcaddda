/* The review's action dialog (issue 19 point 3). Wagtail's ModalWorkflow
   builds the dialog frame (a Bootstrap modal: role="dialog", no name, no
   aria-modal) and replaces its body with each response; this runs each time
   the plugin's dialog body (action_modal.html) is put in:
   - names the frame after the dialog's heading and marks it aria-modal;
   - Escape closes it through Wagtail's own close button; the focus goes
     back to the button that opened it, or to its menu's toggle;
   - the focus goes to the error summary after a failed submit (the old body
     and the focus with it are gone), else to the first field. */
(function () {
  "use strict";
  var content = document.querySelector("[data-eventcal-review-dialog]");
  if (!content) return;
  var frame = content.closest("[role='dialog']");
  var heading = content.querySelector("#eventcal-review-dialog-title");
  if (frame && !frame.hasAttribute("data-eventcal-opener-kept") && window.jQuery) {
    // Wagtail focuses the button that opened the dialog when it closes, but
    // that button sits in the footer's action menu, closed by then: focus
    // the menu's toggle instead (the button is disabled while the dialog is
    // open, which is how it is found).
    frame.setAttribute("data-eventcal-opener-kept", "");
    var opener = document.querySelector("[data-workflow-action-modal-url][disabled]");
    window.jQuery(frame).one("hidden.bs.modal", function () {
      window.setTimeout(function () {
        if (!opener || (document.activeElement && document.activeElement !== document.body)) return;
        var menu = opener.closest("[data-controller~='w-dropdown']");
        var toggle = menu && menu.querySelector("[data-w-dropdown-target='toggle']");
        var visible = opener.offsetParent !== null;
        (visible ? opener : toggle || opener).focus();
      }, 0);
    });
  }
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
