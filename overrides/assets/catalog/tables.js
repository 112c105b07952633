/* A wide table scrolls sideways in its wrapper; make that wrapper reachable and named for keyboard users. */
(function () {
  "use strict";
  function label(wrap) {
    var heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    return heading ? heading.textContent.replace(/¶$/, "").trim() : "Table";
  }
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap) + " (scrolls sideways)");
      } else if (!scrolls && wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  /* Material wraps tables in its own script; document$ tells when a page's content is ready. */
  if (window.document$) {
    window.document$.subscribe(function () { window.setTimeout(mark); });
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
