/* The districts' guide: pick credentials, see the embedded list live and copy its snippet. */
(function () {
  "use strict";
  var root = document.querySelector(".cc-embed-builder");
  if (!root) return;
  var site = new URL(root.getAttribute("data-site"), location.href);
  var choices = root.querySelector("fieldset");
  var title = root.querySelector("input[name=title]");
  var theme = root.querySelector("select[name=theme]");
  var output = root.querySelector("textarea");
  var preview = root.querySelector("iframe");
  var template = "";

  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function update() {
    var ids = Array.prototype.map.call(choices.querySelectorAll("input:checked"), function (box) {
      return box.value;
    });
    var query = new URLSearchParams({ ids: ids.join(",") });
    if (title.value.trim()) query.set("title", title.value.trim());
    if (theme.value) query.set("theme", theme.value);
    /* The snippet points at the published site (site_url, as in the snippet template); the
     * preview at this copy of it, which may be a local or preview build. */
    var published = /src="([^"?]*)/.exec(template);
    var src = (published ? published[1] : new URL("embed/list/", site).href) + "?" + query.toString();
    output.value = template
      .replace(/src="[^"]*"/, function () { return 'src="' + escapeAttribute(src) + '"'; })
      .replace(/title="[^"]*"/, function () {
        return 'title="' + escapeAttribute(title.value.trim() || "Recommended micro-credentials") + '"';
      });
    preview.src = new URL("embed/list/?" + query.toString(), site).href;
  }

  Promise.all([
    fetch(new URL(root.getAttribute("data-store"), location.href), { credentials: "omit" })
      .then(function (r) { return r.json(); }),
    fetch(new URL("embed/list/snippet.json", site), { credentials: "omit" }).then(function (r) { return r.json(); })
  ]).then(function (loaded) {
    template = loaded[1].html;
    var store = loaded[0];
    var retired = {};
    store.retired.forEach(function (n) { retired[n] = true; });
    store.ids.forEach(function (id, n) {
      if (retired[n]) return;
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = id;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + store.titles[n]));
      choices.appendChild(label);
      choices.appendChild(document.createElement("br"));
    });
    root.addEventListener("input", update);
    root.addEventListener("change", update);
    update();
  }).catch(function () {
    output.value = "The catalog's data could not be loaded.";
  });

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== location.origin || event.source !== preview.contentWindow) return;
    if (data && data.type === "credential-catalog:resize" && data.height > 50 && data.height < 20000) {
      preview.style.height = Math.ceil(data.height) + "px";
    }
  });
})();
