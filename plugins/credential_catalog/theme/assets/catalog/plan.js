/* My plan: the reader's credentials in order, with the catalog's totals, an evidence checklist each,
   a link to share, a file to save and open, and a packet to print. Everything comes from the
   build's files under assets/catalog/plan/ and the plan in this browser; nothing is sent anywhere. */
(function () {
  "use strict";
  var root = document.querySelector(".cc-plan");
  var plan = window.CredentialPlan;
  if (!root || !plan) return;
  var FORMAT = "credential-catalog-plan";
  var MAX_FILE = 1024 * 1024;
  var FOLD_AFTER = 3;
  var files = plan.files(new URL(root.getAttribute("data-plan"), location.href));
  var base = root.getAttribute("data-site").replace(/\/?$/, "/"); /* the site's root, relative */
  var site = new URL(base, location.href);
  var status = root.querySelector(".cc-plan__status");
  var undoButton = root.querySelector(".cc-plan__undo");
  var undoName = root.querySelector(".cc-plan__undo-name");
  var sharedBox = root.querySelector(".cc-plan__shared");
  var totals = root.querySelector(".cc-plan__totals");
  var list = root.querySelector(".cc-plan__list");
  var empty = root.querySelector(".cc-plan__empty");
  var cover = root.querySelector(".cc-plan__cover");
  var heading = document.getElementById("plan-credentials");
  var tools = root.querySelector(".cc-plan__tools");
  var linkField = document.getElementById("cc-plan-link");
  var fileField = document.getElementById("cc-plan-file");
  var compareLink = root.querySelector(".cc-plan__compare");
  var choice = root.querySelector(".cc-plan__choice");
  var packet = root.querySelector(".cc-packet");
  var params = new URLSearchParams(location.search);
  var shared = params.has("ids") ? plan.parseIds(params.get("ids")) : null;
  var index = null;
  var drawn = [];
  var packets = Object.create(null);
  var printable = Promise.resolve();
  var warned = false;
  var startedOpen = false;
  var undoable = null; /* the last removal, until the next change: { item, removed } */

  var el = plan.el;

  function link(item) {
    return el("a", { href: base + item.url, text: item.title });
  }

  function count(number, noun) { return number + " " + noun + (number === 1 ? "" : "s"); }

  function hours(number) { return count(Math.round(number * 10) / 10, "hour"); }

  /* Put `text` on the status line, which announces it; an Undo offered there goes with the
     message it was offered with. */
  function say(text) {
    forget();
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 40);
  }

  /* Offer to undo the removal just made: the button holds the focus, so a second keypress cannot
     remove another credential. */
  function offerUndo(item, removed) {
    undoable = { item: item, removed: removed };
    undoName.textContent = " removing " + item.title;
    undoButton.hidden = false;
    undoButton.focus();
  }

  function forget() {
    undoable = null;
    if (undoButton.hidden) return;
    var focused = document.activeElement === undoButton;
    undoButton.hidden = true;
    if (focused) heading.focus();
  }

  function undo() {
    var last = undoable;
    if (!last) return;
    forget();
    var ids = plan.putBack(last.removed).ids;
    render([last.item.id, "remove"]).then(function () {
      say(last.item.title + " is back in your plan, at position " + (ids.indexOf(last.item.id) + 1) +
          " of " + ids.length + ".");
    });
  }

  var credential = files.credential;

  function known(ids) {
    return ids.filter(function (id) { return Object.prototype.hasOwnProperty.call(index.credentials, id); });
  }

  function listed() { return shared || plan.load().ids; }

  /* Stacks with at least one credential of the plan, and each pathway's steps the plan covers: a
     step of credentials by `needed` of them, a step naming a pathway once that pathway's required
     steps are all covered (the index lists a pathway after those it names). */
  function progress(ids) {
    var chosen = Object.create(null);
    ids.forEach(function (id) { chosen[id] = true; });
    var has = function (id) { return chosen[id] === true; };
    var stacks = index.stacks.map(function (stack) {
      return { stack: stack, have: stack.credentials.filter(has) };
    }).filter(function (entry) { return entry.have.length > 0; });
    var complete = Object.create(null);
    var pathways = index.pathways.map(function (pathway) {
      var covered = pathway.steps.map(function (step) {
        return step.pathway ? complete[step.pathway] === true
                            : step.credentials.filter(has).length >= step.needed;
      });
      complete[pathway.id] = pathway.steps.every(function (step, n) { return covered[n] || !step.required; });
      return { pathway: pathway, covered: covered };
    }).filter(function (entry) {
      return !entry.pathway.retired && entry.covered.indexOf(true) >= 0;
    });
    return { stacks: stacks, pathways: pathways };
  }

  function stepName(step, number) {
    return "Step " + number + (step.title ? ": " + step.title : "");
  }

  function drawTotals(items) {
    totals.textContent = "";
    var sum = items.reduce(function (total, item) { return total + item.hours; }, 0);
    var found = progress(items.map(function (item) { return item.id; }));
    totals.appendChild(el("dl", { class: "cc-plan__facts" }, [
      el("div", {}, [el("dt", { text: "Credentials" }), el("dd", { class: "cc-plan__count", text: String(items.length) })]),
      el("div", {}, [el("dt", { text: "Estimated time in all" }),
                     el("dd", {}, [el("span", { class: "cc-plan__hours", text: "about " + hours(sum) }),
                                   " (the catalog's estimates)"])])
    ]));
    var completed = found.stacks.filter(function (entry) { return entry.have.length === entry.stack.credentials.length; });
    var started = found.stacks.filter(function (entry) { return completed.indexOf(entry) < 0; });
    totals.appendChild(el("h3", { text: "Stacks completed" }));
    totals.appendChild(completed.length
      ? el("ul", { class: "cc-plan__stacks" }, completed.map(function (entry) { return el("li", {}, [link(entry.stack)]); }))
      : el("p", { text: "None yet: a stack is completed when every one of its credentials is in the plan." }));
    if (started.length) totals.appendChild(drawStarted(started));
    totals.appendChild(el("h3", { text: "Pathway steps covered" }));
    if (!found.pathways.length) {
      totals.appendChild(el("p", { text: "None yet." }));
      return;
    }
    totals.appendChild(el("ul", { class: "cc-plan__pathways" }, found.pathways.map(function (entry) {
      var steps = entry.pathway.steps;
      var done = entry.covered.filter(Boolean).length;
      return el("li", {}, [link(entry.pathway), ": " + done + " of " + count(steps.length, "step") + " covered",
        el("ul", {}, steps.map(function (step, n) {
          return entry.covered[n] ? el("li", { text: stepName(step, n + 1) }) : null;
        }).filter(Boolean))]);
    })));
  }

  /* The stacks begun but not completed; a long list folds away under a summary that counts it,
     and stays open or closed as the reader left it when the plan is drawn again. */
  function drawStarted(started) {
    var items = el("ul", {}, started.map(function (entry) {
      var missing = entry.stack.credentials.filter(function (id) { return entry.have.indexOf(id) < 0; })
        .map(function (id) { return index.credentials[id]; });
      return el("li", {}, [link(entry.stack), ": " + entry.have.length + " of " +
        count(entry.stack.credentials.length, "credential") + "; still to add: " + missing.join(", ")]);
    }));
    if (started.length <= FOLD_AFTER) {
      return el("div", { class: "cc-plan__started" }, [el("p", { text: "Started:" }), items]);
    }
    var box = el("details", { class: "cc-plan__started" }, [
      el("summary", { text: "Started: " + count(started.length, "stack") + " with credentials still to add" }),
      items
    ]);
    box.open = startedOpen;
    box.addEventListener("toggle", function () { startedOpen = box.open; });
    return box;
  }

  function retiredNote(item) {
    var note = el("p", { class: "cc-plan__retired" }, ["Retired: it can no longer be earned."]);
    if (item.successor) note.appendChild(el("span", {}, [" Its successor is ", link(item.successor), "."]));
    return note;
  }

  function checklist(item) {
    var done = (plan.load().done[item.id] || []);
    var legend = el("legend", {});
    var update = function () {
      var ticked = item.checklist.filter(function (entry) { return done.indexOf(entry.key) >= 0; }).length;
      legend.textContent = "Evidence to collect: " + ticked + " of " + item.checklist.length + " ready";
    };
    update();
    var items = item.checklist.map(function (entry) {
      var id = "cc-done-" + item.id + "-" + entry.key;
      var box = el("input", { type: "checkbox", id: id, "data-key": entry.key });
      box.checked = done.indexOf(entry.key) >= 0;
      box.addEventListener("change", function () {
        forget();
        done = plan.setDone(item.id, entry.key, box.checked).done[item.id] || [];
        update();
        drawPacket(drawn);
      });
      return el("li", {}, [box, el("label", { for: id, text: entry.text })]);
    });
    return el("fieldset", { class: "cc-plan__checklist" }, [legend, el("ul", {}, items)]);
  }

  function moveButton(item, action, text, disabled) {
    var button = el("button", { type: "button", class: "md-button", "data-action": action }, [
      text, el("span", { class: "cc-sr-only", text: ": " + item.title })
    ]);
    if (disabled) button.disabled = true;
    button.addEventListener("click", function () { act(item, action); });
    return button;
  }

  function drawList(items) {
    list.textContent = "";
    items.forEach(function (item, n) {
      var children = [
        el("h3", { class: "cc-plan__title" }, [el("span", { class: "cc-plan__number", text: (n + 1) + ". " }), link(item)]),
        el("p", { class: "cc-meta" }, [link(item.category), " \u00b7 about " + hours(item.hours)])
      ];
      if (item.status === "retired") children.push(retiredNote(item));
      if (item.earn) {
        children.push(el("p", { class: "cc-plan__earn" }, [
          el("a", { href: item.earn.url }, ["Earn it", el("span", { class: "cc-sr-only", text: ": " + item.title })]),
          " on " + item.earn.issuer + "\u2019s site, where you submit your evidence"
        ]));
      }
      if (!shared) {
        children.push(el("div", { class: "cc-plan__moves" }, [
          moveButton(item, "up", "Move up", n === 0),
          moveButton(item, "down", "Move down", n === items.length - 1),
          moveButton(item, "remove", "Remove", false)
        ]));
        children.push(checklist(item));
      } else {
        children.push(el("p", { class: "cc-plan__collect" }, ["Evidence to collect: " +
          item.checklist.map(function (entry) { return entry.text; }).join("; ") + "."]));
      }
      list.appendChild(el("li", { class: "cc-plan__item", "data-credential": item.id }, children));
    });
    empty.hidden = items.length > 0;
    cover.hidden = !items.length;  /* an empty plan's totals are all zero: the message says it */
  }

  /* A credential's submission requirements and scoring guides, as its own page shows them: what
     follows the page's "submission" heading up to the next section. Loaded once per credential. */
  function submission(item) {
    if (!packets[item.id]) {
      var page = new URL(item.url, site);
      packets[item.id] = fetch(page, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(page + ": " + response.status);
        return response.text();
      }).then(function (html) {
        var source = new DOMParser().parseFromString(html, "text/html");
        var start = source.getElementById("submission");
        if (!start) throw new Error(page + ": no submission section");
        var part = document.createDocumentFragment();
        for (var node = start.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
          part.appendChild(document.importNode(node, true));
        }
        part.querySelectorAll("[id]").forEach(function (child) { child.removeAttribute("id"); });
        part.querySelectorAll(".headerlink, script").forEach(function (child) { child.remove(); });
        part.querySelectorAll("a[href]").forEach(function (anchor) {
          anchor.setAttribute("href", new URL(anchor.getAttribute("href"), page).href);
        });
        return part;
      });
    }
    return packets[item.id];
  }

  function drawPacket(items) {
    packet.textContent = "";
    packet.removeAttribute("data-ready");
    var stamp = new Date().toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    packet.appendChild(el("p", { class: "cc-packet__stamp", text: "Printed " + stamp + " from " + site.href + "plan/" }));
    var drawing = items.map(function (item, n) {
      var done = (plan.load().done[item.id] || []);
      var body = el("div", { class: "cc-packet__submission" });
      packet.appendChild(el("section", { class: "cc-packet__credential", "data-credential": item.id }, [
        el("h2", { text: (n + 1) + ". " + item.title }),
        el("p", { class: "cc-lede", text: item.summary }),
        el("p", { class: "cc-meta", text: item.category.title + " \u00b7 about " + hours(item.hours) +
          " (the catalog's estimate) \u00b7 " + new URL(item.url, site).href }),
        item.earn ? el("p", { class: "cc-packet__earn", text: "Submit on " + item.earn.issuer + "\u2019s site: " +
          item.earn.url + " (look for \u201c" + item.title + "\u201d)" }) : null,
        el("h3", { text: "Evidence to collect" }),
        el("ul", { class: "cc-packet__checklist" }, item.checklist.map(function (entry) {
          return el("li", { text: (done.indexOf(entry.key) >= 0 ? "\u2611 " : "\u2610 ") + entry.text });
        })),
        body
      ].filter(Boolean)));
      return submission(item).then(function (part) {
        body.appendChild(part.cloneNode(true));
      }, function () {
        body.appendChild(el("p", { text: "The submission requirements could not be loaded here: see " +
          new URL(item.url, site).href + "." }));
      });
    });
    printable = Promise.all(drawing).then(function () {
      packet.setAttribute("data-ready", items.map(function (item) { return item.id; }).join(","));
    });
  }

  function drawShared(ids, missing) {
    sharedBox.textContent = "";
    sharedBox.hidden = !shared;
    if (!shared) return;
    var own = plan.load().ids;
    var same = own.join(",") === ids.join(",");
    var text = same ? "This link shows the plan saved in this browser."
      : "This plan came from a link and is not saved in this browser yet.";
    if (missing) text += " " + count(missing, "credential") + " in the link " + (missing === 1 ? "is" : "are") +
      " not in this catalog and " + (missing === 1 ? "is" : "are") + " left out.";
    sharedBox.appendChild(el("p", { text: text }));
    var row = el("div", { class: "cc-plan__row" });
    if (!same && ids.length) {
      if (own.length) {
        row.appendChild(button("Replace my plan (" + count(own.length, "credential") + ") with this one",
                               function () { keep(ids, false); }));
        row.appendChild(button("Add these to my plan", function () { keep(ids, true); }));
      } else {
        row.appendChild(button("Save as my plan", function () { keep(ids, false); }));
      }
    }
    row.appendChild(el("a", { href: base + "plan/", text: "Show my own plan" }));
    sharedBox.appendChild(row);
  }

  function button(text, action) {
    var node = el("button", { type: "button", class: "md-button", text: text });
    node.addEventListener("click", action);
    return node;
  }

  function keep(ids, merge) {
    forget();
    var saved = plan.replace(ids, null, merge);
    shared = null;
    window.history.replaceState(null, "", site.href + "plan/");
    render().then(function () {
      heading.focus();
      say("Saved in this browser: your plan has " + count(saved.ids.length, "credential") + ".");
    });
  }

  function drawTools(ids) {
    var some = ids.length > 0;
    tools.querySelectorAll(".cc-plan__share, .cc-plan__print, .cc-plan__export").forEach(function (node) {
      node.hidden = !some;
    });
    linkField.value = some ? site.href + "plan/?ids=" + ids.join(",") : "";
    compareLink.hidden = ids.length < 2 || ids.length > plan.maxCompare;
    compareLink.href = base + "compare/?ids=" + ids.join(",");
  }

  /* Draw the plan; `focus` names what to focus afterwards: [credential id, action]. */
  function render(focus) {
    var all = listed();
    var ids = known(all);
    return Promise.all(ids.map(credential)).then(function (items) {
      drawn = items;
      drawShared(ids, all.length - ids.length);
      drawTotals(items);
      drawList(items);
      drawPacket(items);
      drawTools(ids);
      if (!shared && all.length > ids.length && !warned) {
        warned = true;
        say(count(all.length - ids.length, "credential") + " in your plan " +
            (all.length - ids.length === 1 ? "is" : "are") + " no longer in this catalog and " +
            (all.length - ids.length === 1 ? "is" : "are") + " not shown.");
      }
      if (focus) restore(focus, ids);
      root.setAttribute("data-ready", ids.join(","));
    }).catch(function () {
      say("The catalog's plan data could not be loaded. Reload the page to try again.");
    });
  }

  function restore(focus, ids) {
    var at = ids.indexOf(focus[0]);
    if (at < 0) {
      heading.focus();
      return;
    }
    var item = list.children[at];
    var target = item.querySelector('[data-action="' + focus[1] + '"]');
    if (target.disabled) target = item.querySelector('[data-action="' + (focus[1] === "up" ? "down" : "up") + '"]');
    if (target.disabled) target = item.querySelector('[data-action="remove"]');
    target.focus();
  }

  function act(item, action) {
    forget();
    if (action === "remove") {
      var ticked = (plan.load().done[item.id] || []).length > 0;
      var result = plan.remove(item.id);
      render().then(function () {
        say(item.title + " removed from your plan; " + count(result.ids.length, "credential") + " left." +
            (ticked ? " Its ticks are kept for when you add it again." : ""));
        offerUndo(item, result.removed);
      });
      return;
    }
    var ids = plan.move(item.id, action === "up" ? -1 : 1).ids;
    render([item.id, action]).then(function () {
      say(item.title + " moved to position " + (ids.indexOf(item.id) + 1) + " of " + ids.length + ".");
    });
  }

  function copyLink() {
    var done = function () { say("Link copied."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(linkField.value).then(done, function () {
        linkField.select();
        say("Select the link and copy it.");
      });
    } else {
      linkField.select();
      say(document.execCommand && document.execCommand("copy") ? "Link copied." : "Select the link and copy it.");
    }
  }

  function exportFile() {
    var saved = plan.load();
    var ids = listed();
    var body = {
      format: FORMAT, version: 1, site: site.href, saved: new Date().toISOString().slice(0, 10),
      credentials: ids, collected: shared ? {} : saved.done
    };
    var blob = new Blob([JSON.stringify(body, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var anchor = el("a", { href: url, download: "my-plan.json" });
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say("Saved the plan as the file my-plan.json.");
  }

  function offer(ids, collected) {
    choice.textContent = "";
    var own = plan.load().ids;
    var apply = function (merge) {
      forget();
      var saved = plan.replace(ids, collected, merge);
      choice.hidden = true;
      shared = null;
      window.history.replaceState(null, "", site.href + "plan/");
      render().then(function () {
        heading.focus();
        say("Opened the file: your plan has " + count(saved.ids.length, "credential") + ".");
      });
    };
    if (!own.length) {
      apply(false);
      return;
    }
    choice.appendChild(el("p", { text: "The file holds " + count(ids.length, "credential") +
      "; your plan has " + count(own.length, "credential") + "." }));
    var replaceButton = button("Replace my plan with the file's", function () { apply(false); });
    choice.appendChild(el("div", { class: "cc-plan__row" }, [
      replaceButton,
      button("Add the file's credentials to my plan", function () { apply(true); }),
      button("Cancel", function () {
        choice.hidden = true;
        fileField.focus();
        say("Nothing changed.");
      })
    ]));
    choice.hidden = false;
    replaceButton.focus();
  }

  function importFile() {
    var file = fileField.files && fileField.files[0];
    if (!file) return;
    if (file.size > MAX_FILE) {
      say("That file is too large to be a plan.");
      return;
    }
    file.text().then(function (text) {
      var body = JSON.parse(text);
      if (!body || body.format !== FORMAT || !Array.isArray(body.credentials)) throw new Error("format");
      var ids = plan.cleanIds(body.credentials);
      var usable = known(ids);
      fileField.value = "";
      if (!usable.length) {
        say("The file names no credential of this catalog; nothing changed.");
        return;
      }
      var left = body.credentials.length - usable.length;
      if (left) say(count(left, "credential") + " in the file " + (left === 1 ? "is" : "are") + " not in this catalog and " + (left === 1 ? "was" : "were") + " left out.");
      offer(usable, body.collected);
    }).catch(function () {
      fileField.value = "";
      say("That file is not a plan saved from this catalog; nothing changed.");
    });
  }

  function start(loaded) {
    index = loaded;
    document.querySelectorAll(".cc-needs-script").forEach(function (node) { node.hidden = true; });
    heading.setAttribute("tabindex", "-1");
    root.hidden = false;
    if (!plan.persistent) {
      say("This browser does not let the site keep data, so the plan lasts only while this page is open.");
    }
    root.querySelector(".cc-plan__copy").addEventListener("click", copyLink);
    root.querySelector(".cc-plan__print").addEventListener("click", function () {
      say("Preparing the plan for printing\u2026");
      printable.then(function () { window.print(); });
    });
    root.querySelector(".cc-plan__export").addEventListener("click", exportFile);
    fileField.addEventListener("change", importFile);
    undoButton.addEventListener("click", undo);
    plan.onChange(function () {
      if (shared) return;
      forget();
      render();
    });
    render();
  }

  files.index().then(start).catch(function () {
    root.hidden = false;
    say("The catalog's plan data could not be loaded. Reload the page to try again.");
  });
})();
