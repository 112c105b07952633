/* Compare: two to four credentials named in the address (?ids=a,b) side by side, from the build's
   files under assets/catalog/plan/. */
(function () {
  "use strict";
  var root = document.querySelector(".cc-compare");
  var plan = window.CredentialPlan;
  if (!root || !plan) return;
  var files = plan.files(new URL(root.getAttribute("data-plan"), location.href));
  var base = root.getAttribute("data-site").replace(/\/?$/, "/"); /* the site's root, relative */
  var site = new URL(base, location.href);
  var status = root.querySelector(".cc-compare__status");
  var holder = root.querySelector(".cc-compare__table");
  var index = null;

  var el = plan.el;

  var credential = files.credential;

  function count(number, noun) { return number + " " + noun + (number === 1 ? "" : "s"); }

  function link(item) { return el("a", { href: base + item.url, text: item.title }); }

  function links(items, extra) {
    if (!items.length) return ["None"];
    return [el("ul", {}, items.map(function (item) {
      return el("li", {}, [link(item)].concat(extra ? [extra(item)] : []));
    }))];
  }

  function and(titles) {
    return titles.length < 2 ? titles.join("") : titles.slice(0, -1).join(", ") + " and " + titles[titles.length - 1];
  }

  var ROWS = [
    ["Summary", function (c) { return [c.summary]; }],
    ["Category", function (c) { return [link(c.category)]; }],
    ["Estimated time (the catalog's estimate)", function (c) { return ["about " + count(c.hours, "hour")]; }],
    ["Evidence you submit", function (c) { return [c.evidence.join(", ")]; }],
    ["Evidence parts", function (c) { return [String(c.parts)]; }],
    ["Criteria to meet", function (c) { return [String(c.criteria)]; }],
    ["Stacks", function (c) { return links(c.stacks); }],
    ["Pathways", function (c) { return links(c.pathways, function (p) { return ": " + p.place; }); }],
    ["Standards for Professional Learning", function (c) { return links(c.standards); }],
    ["Recognition and eligibility", function (c) {
      if (!c.recognitions.length) return ["None in this catalog yet"];
      return [el("ul", {}, c.recognitions.map(function (r) {
        var name = el("a", { href: base + r.url, text: r.name });
        return el("li", {}, r.basis === "named" ? ["Named by ", name] : ["Eligible under the rule reported for ", name]);
      }))];
    }],
    ["Your plan", function (c) {
      if (c.status === "retired") return ["Retired: it can no longer be earned"];
      return [el("div", { class: "cc-plan-actions", "data-credential": c.id, "data-title": c.title, hidden: "" })];
    }]
  ];

  function say(text) { status.textContent = text; }

  function without(ids, id) {
    var rest = ids.filter(function (other) { return other !== id; });
    window.history.replaceState(null, "", "?ids=" + rest.join(","));
    draw(rest, id);
  }

  function table(items, ids) {
    var caption = el("caption", { id: "cc-compare-caption", text: "Comparing " + and(items.map(function (c) { return c.title; })) });
    var head = el("tr", {}, [el("td", {})].concat(items.map(function (c) {
      var remove = el("button", { type: "button", class: "md-button cc-compare__remove", "data-remove": c.id }, [
        "Remove", el("span", { class: "cc-sr-only", text: " " + c.title + " from the comparison" })
      ]);
      remove.addEventListener("click", function () { without(ids, c.id); });
      var title = [link(c)];
      if (c.status === "retired") title.push(" ", el("span", { class: "cc-badge cc-badge--retired", text: "Retired" }));
      return el("th", { scope: "col", "data-credential": c.id }, [el("span", { class: "cc-compare__name" }, title), remove]);
    })));
    var body = ROWS.map(function (row) {
      return el("tr", {}, [el("th", { scope: "row", text: row[0] })].concat(items.map(function (c) {
        return el("td", {}, row[1](c));
      })));
    });
    return el("div", { class: "cc-compare__scroll", role: "region", tabindex: "0", "aria-labelledby": "cc-compare-caption" }, [
      el("table", { class: "cc-compare__grid" }, [caption, el("thead", {}, [head]), el("tbody", {}, body)])
    ]);
  }

  function draw(ids, removed) {
    holder.textContent = "";
    if (ids.length < 2) {
      holder.appendChild(el("p", { text: ids.length
        ? "Only one credential is left to compare: choose at least one more."
        : "No credential is chosen to compare yet." }));
      if (removed) say("Removed from the comparison.");
      root.setAttribute("data-ready", ids.join(","));
      return Promise.resolve();
    }
    return Promise.all(ids.map(credential)).then(function (items) {
      holder.appendChild(table(items, ids));
      if (removed) {
        say(index.credentials[removed] + " removed from the comparison; " + count(ids.length, "credential") + " left.");
        holder.querySelector(".cc-compare__remove").focus();
      }
      root.setAttribute("data-ready", ids.join(","));
    });
  }

  function start(loaded) {
    index = loaded;
    document.querySelectorAll(".cc-needs-script").forEach(function (node) { node.hidden = true; });
    root.hidden = false;
    var asked = plan.parseIds(new URLSearchParams(location.search).get("ids"));
    var ids = asked.filter(function (id) {
      return Object.prototype.hasOwnProperty.call(index.credentials, id);
    });
    var notes = [];
    if (ids.length < asked.length) {
      var left = asked.length - ids.length;
      notes.push(count(left, "credential") + " in the address " + (left === 1 ? "is" : "are") + " not in this catalog.");
    }
    if (ids.length > plan.maxCompare) {
      notes.push("Only the first " + plan.maxCompare + " of " + ids.length + " are compared.");
      ids = ids.slice(0, plan.maxCompare);
    }
    draw(ids).then(function () { if (notes.length) say(notes.join(" ")); });
  }

  files.index().then(start).catch(function () {
    root.hidden = false;
    say("The catalog's data could not be loaded. Reload the page to try again.");
  });
})();
