/* A wide table scrolls sideways in its wrapper; make that wrapper reachable and named for keyboard users. */
(function () {
  "use strict";
  /* The table's caption, else the short paragraph that introduces it, else the nearest heading. */
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      var text = node.textContent.replace(/¶$/, "").trim();
      if (node.tagName === "P" && text.length <= 100) return text.replace(/:$/, "");
      if (/^H[1-6]$/.test(node.tagName)) return text;
    }
    return "Table";
  }
  function mark() {
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        var name = label(wrap);
        used[name] = (used[name] || 0) + 1;
        if (used[name] > 1) name += " (" + used[name] + ")";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name + ", scrolls sideways");
      } else if (wrap.getAttribute("role") === "region") {
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
