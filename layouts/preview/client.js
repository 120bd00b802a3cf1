// Added to served pages only: reloads the page when its brief is rebuilt, shows a build error over
// the last good version, and shows a paragraph's catalog entry on click. Plain DOM: no framework.
// BRIEFGEN_PREVIEW (set just before this script) holds page, version, generation and error.
(function (state) {
  "use strict";
  var PAGE = state.page, VERSION = state.version, GENERATION = state.generation;
  function el(tag, id) { var e = document.createElement(tag); if (id) { e.id = id; } return e; }
  function showError(message) {
    var bar = document.getElementById("briefgen-error");
    if (!message) { if (bar) { bar.remove(); } return; }
    if (!bar) { bar = el("div", "briefgen-error"); bar.setAttribute("role", "alert");
      document.body.appendChild(bar); }
    bar.textContent = "Build error (showing the last good version): " + message;
  }
  showError(state.error);
  var events = new EventSource("/events");
  events.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (PAGE === null) { if (state.generation !== GENERATION) { location.reload(); } return; }
    var brief = state.briefs[PAGE];
    if (!brief) { return; }
    if (brief.version !== VERSION) { sessionStorage.setItem("briefgen-scroll", String(window.scrollY));
      location.reload(); return; }
    showError(brief.error);
  };
  var scroll = sessionStorage.getItem("briefgen-scroll");
  if (scroll !== null) { sessionStorage.removeItem("briefgen-scroll"); window.scrollTo(0, Number(scroll)); }
  if (PAGE === null) { return; }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || target.closest("a, button, #briefgen-panel")) { return; }
    var row = target.closest(".row");
    var entry = target.closest("[data-po]") || (row && row.querySelector("[data-po]"));
    if (!entry) { return; }
    var old = document.querySelector(".briefgen-picked");
    if (old) { old.classList.remove("briefgen-picked"); }
    (row || entry).classList.add("briefgen-picked");
    var panel = document.getElementById("briefgen-panel");
    if (!panel) { panel = el("aside", "briefgen-panel"); panel.setAttribute("aria-live", "polite");
      document.body.appendChild(panel); }
    panel.textContent = "";
    var line = el("div"), code = el("code");
    line.appendChild(document.createTextNode("Catalog entry: "));
    code.textContent = entry.getAttribute("data-po");
    line.appendChild(code);
    line.appendChild(document.createTextNode(" (" + entry.getAttribute("data-status") + ")"));
    panel.appendChild(line);
    if (row && row.getAttribute("data-src")) {
      var src = el("div"), srcCode = el("code");
      src.appendChild(document.createTextNode("Source: "));
      srcCode.textContent = row.getAttribute("data-src");
      src.appendChild(srcCode);
      panel.appendChild(src);
    }
    var close = el("button");
    close.type = "button"; close.textContent = "\u00d7"; close.setAttribute("aria-label", "Close");
    close.onclick = function () { panel.remove(); };
    panel.appendChild(close);
  });
})(BRIEFGEN_PREVIEW);
