/* Embedded catalog pages: theme from ?theme= (dark, light, or auto: the reader's system setting), the hand-picked list, and telling the host page our height. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var theme = params.get("theme");
  var scheme = function (dark) { document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default"); };
  if (theme === "dark" || theme === "light") {
    scheme(theme === "dark");
  } else if (theme === "auto" && window.matchMedia) {
    var system = window.matchMedia("(prefers-color-scheme: dark)");
    scheme(system.matches);
    system.addEventListener("change", function () { scheme(system.matches); });
  }

  var list = document.querySelector(".cc-embed-list");
  if (list) {
    var status = list.querySelector(".cc-embed-list__status");
    var items = list.querySelector("ul");
    var site = new URL(list.getAttribute("data-site"), location.href);
    var title = (params.get("title") || "").trim().slice(0, 120);
    if (title) list.querySelector("h1").textContent = title;
    var ids = (params.get("ids") || "").split(",").map(function (id) { return id.trim(); })
      .filter(function (id) { return id.length <= 80 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id); }).slice(0, 60);
    status.textContent = "Loading…";
    fetch(new URL(list.getAttribute("data-catalog"), location.href), { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (store) {
        var slot = {};
        store.ids.forEach(function (id, n) { slot[id] = n; });
        var found = ids.filter(function (id) { return id in slot; });
        found.forEach(function (id) {
          var item = document.createElement("li");
          var badge = document.createElement("img");
          badge.className = "cc-embed__badge";
          badge.src = new URL("assets/catalog/badges/" + id + ".svg", site).href;
          badge.alt = "";
          badge.width = badge.height = 40;
          item.appendChild(badge);
          var link = document.createElement("a");
          link.href = new URL("credentials/" + id + "/", site).href;
          link.textContent = store.titles[slot[id]];
          item.appendChild(link);
          item.appendChild(document.createTextNode(": " + store.summaries[slot[id]]));
          items.appendChild(item);
        });
        status.textContent = found.length ? "" : "No credentials chosen yet.";
        status.hidden = found.length > 0;
      })
      .catch(function () { status.textContent = "The catalog could not be loaded."; });
  }

  if (window.parent === window) return;
  var content = document.querySelector(".md-content__inner") || document.body;
  var last = 0;
  function report() {
    var height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY + 24);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "credential-catalog:resize", height: height }, "*");
  }
  new ResizeObserver(report).observe(content);
  window.addEventListener("load", report);
})();
