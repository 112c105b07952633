/* The districts' guide: pick credentials (filter, whole groups, select all), keep the order they
 * were ticked in, see the embedded list live and copy its snippet. */
(function () {
  "use strict";
  var root = document.querySelector(".cc-embed-builder");
  if (!root) return;
  var site = new URL(root.getAttribute("data-site"), location.href);
  var boxes = root.querySelector(".cc-builder__boxes");
  var title = root.querySelector("input[name=title]");
  var theme = root.querySelector("select[name=theme]");
  var filter = root.querySelector("#cc-builder-filter");
  var group = root.querySelector("#cc-builder-group");
  var status = root.querySelector(".cc-builder__status");
  var order = root.querySelector(".cc-builder__order");
  var output = root.querySelector("textarea");
  var preview = root.querySelector("iframe");
  var template = "";
  var picked = [];
  var store = null;
  var slot = {};

  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function box(id) {
    return boxes.querySelector('input[value="' + id + '"]');
  }

  function pick(id, on) {
    var at = picked.indexOf(id);
    if (on && at < 0) picked.push(id);
    if (!on && at >= 0) picked.splice(at, 1);
    var input = box(id);
    if (input) input.checked = on;
  }

  function drawOrder() {
    order.textContent = "";
    picked.forEach(function (id) {
      var item = document.createElement("li");
      item.textContent = store.titles[slot[id]];
      order.appendChild(item);
    });
    if (!picked.length) {
      var none = document.createElement("li");
      none.textContent = "Nothing ticked yet.";
      order.appendChild(none);
    }
  }

  function update() {
    drawOrder();
    var query = new URLSearchParams({ ids: picked.join(",") });
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

  function shown() {
    return Array.prototype.filter.call(boxes.querySelectorAll("label"), function (label) {
      return !label.hidden;
    });
  }

  function applyFilter() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    boxes.querySelectorAll("label").forEach(function (label) {
      var text = label.textContent.toLowerCase();
      label.hidden = !words.every(function (word) { return text.indexOf(word) >= 0; });
      if (!label.hidden) count += 1;
    });
    status.textContent = words.length ? count + " of " + store.ids.length + " credentials shown." : "";
  }

  function fillGroups(retired) {
    [["category", "Categories"], ["stack", "Stacks"], ["pathway", "Pathways"]].forEach(function (pair) {
      var facet = store.facets[pair[0]];
      if (!facet || !facet.values.length) return;
      var optgroup = document.createElement("optgroup");
      optgroup.label = pair[1];
      facet.values.forEach(function (value, n) {
        var option = document.createElement("option");
        option.value = pair[0] + ":" + n;
        option.textContent = value[1];
        optgroup.appendChild(option);
      });
      group.appendChild(optgroup);
    });
    root.querySelector("[data-builder=group]").addEventListener("click", function () {
      if (!group.value) return;
      var parts = group.value.split(":");
      var facet = store.facets[parts[0]];
      var wanted = Number(parts[1]);
      var added = 0;
      store.ids.forEach(function (id, i) {
        if (retired[i] || facet.docs[i].indexOf(wanted) < 0 || picked.indexOf(id) >= 0) return;
        pick(id, true);
        added += 1;
      });
      status.textContent = added + " added from " + facet.values[wanted][1] + ".";
      update();
    });
  }

  Promise.all([
    fetch(new URL(root.getAttribute("data-store"), location.href), { credentials: "omit" })
      .then(function (r) { return r.json(); }),
    fetch(new URL("embed/list/snippet.json", site), { credentials: "omit" }).then(function (r) { return r.json(); })
  ]).then(function (loaded) {
    template = loaded[1].html;
    store = loaded[0];
    var retired = {};
    store.retired.forEach(function (n) { retired[n] = true; });
    store.ids.forEach(function (id, n) {
      slot[id] = n;
      if (retired[n]) return;
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.value = id;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + store.titles[n]));
      boxes.appendChild(label);
    });
    fillGroups(retired);
    boxes.addEventListener("change", function (event) {
      pick(event.target.value, event.target.checked);
      update();
    });
    filter.addEventListener("input", applyFilter);
    root.querySelector("[data-builder=all]").addEventListener("click", function () {
      shown().forEach(function (label) { pick(label.querySelector("input").value, true); });
      update();
    });
    root.querySelector("[data-builder=none]").addEventListener("click", function () {
      picked.slice().forEach(function (id) { pick(id, false); });
      status.textContent = "The list is empty.";
      update();
    });
    title.addEventListener("input", update);
    theme.addEventListener("change", update);
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
