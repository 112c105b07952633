/* "Add to my plan" in slots (.cc-plan-actions: on credential pages, with a link to the plan, and
   on the compare page) and on every credential card, "Add this stack's credentials to my plan" on
   stack and pathway pages (.cc-plan-group), and "Compare" boxes on the cards of a page that has a
   compare bar (the credentials page). Cards that other scripts draw later get theirs too. */
(function () {
  "use strict";
  var plan = window.CredentialPlan;
  if (!plan) return;
  var ADD = "Add to my plan";
  var REMOVE = "In my plan \u2014 remove";
  var announcer = null;
  var bar = null;
  var scheduled = false;
  var lastRemoved = null; /* what a toggle last took out: adding that one again puts it back in place */

  var el = plan.el;

  function announce(text) {
    announcer.textContent = text;
  }

  function credentials(count) { return count === 1 ? "1 credential" : count + " credentials"; }

  function planButton(id, title) {
    var button = el("button", { type: "button", class: "md-button cc-plan-toggle", "data-plan-id": id }, [
      el("span", { class: "cc-plan-toggle__text", text: ADD }),
      el("span", { class: "cc-sr-only", text: ": " + title })
    ]);
    button.addEventListener("click", function () {
      var text;
      if (plan.has(id)) {
        var result = plan.remove(id);
        lastRemoved = result.removed;
        text = title + " removed from your plan, which now has " + credentials(result.ids.length) + "." +
               (ticked(result.removed) ? " Its ticked evidence is kept: add it again to bring it back." : "");
      } else {
        var back = lastRemoved && lastRemoved[0].id === id;
        var ids = back ? plan.putBack(lastRemoved).ids : plan.add(id).ids;
        text = title + (ids.indexOf(id) >= 0 ? " added to your plan" : " could not be added to your plan") +
               ", which now has " + credentials(ids.length) + ".";
        lastRemoved = null;
      }
      announce(text);
      refresh();
    });
    return button;
  }

  function compareBox(id, title) {
    var box = el("input", { type: "checkbox", "data-compare-id": id });
    box.addEventListener("change", function () {
      if (!plan.compare.set(id, box.checked)) {
        box.checked = false;
        announce("You can compare up to " + plan.maxCompare + " credentials at once. Untick one first.");
        return;
      }
      var count = plan.compare.ids().length;
      announce(title + (box.checked ? " chosen" : " no longer chosen") + " to compare; " +
               count + " of up to " + plan.maxCompare + " chosen.");
      refresh();
    });
    return el("label", { class: "cc-card__compare" }, [
      box, el("span", { text: " Compare" }), el("span", { class: "cc-sr-only", text: ": " + title })
    ]);
  }

  function groupIds(group) { return plan.parseIds(group.getAttribute("data-plan-ids")); }

  function were(number) { return number + (number === 1 ? " was" : " were"); }

  /* Whether any credential `removeAll` took out had evidence ticked: those ticks are kept. */
  function ticked(removed) {
    var kept = plan.kept();
    return removed.some(function (entry) { return kept.indexOf(entry.id) >= 0; });
  }

  /* A stack's or pathway's credentials, in its order: the button adds those the plan lacks, and
     once all are in takes them all out (their ticked evidence is kept for when they come back);
     "Undo" takes back just what the last press did, putting removed ones back in their places.
     The row's own status says what happened. */
  function wireGroup(group) {
    var toggle = group.querySelector(".cc-plan-group__toggle");
    var undo = group.querySelector(".cc-plan-group__undo");
    var status = group.querySelector(".cc-plan-group__status");
    var added = [];
    var removed = [];
    toggle.addEventListener("click", function () {
      var ids = groupIds(group);
      var before = plan.load();
      var missing = ids.filter(function (id) { return before.ids.indexOf(id) < 0; });
      var text;
      lastRemoved = null;
      if (missing.length) {
        var after = plan.replace(missing, {}, true).ids;
        added = missing.filter(function (id) { return after.indexOf(id) >= 0; });
        removed = [];
        text = "Added " + credentials(added.length) + " to your plan";
        if (ids.length > missing.length) text += "; " + were(ids.length - missing.length) + " already in it";
        if (added.length < missing.length) {
          text += "; " + (missing.length - added.length) + " did not fit, as a plan holds at most " +
                  credentials(plan.maxPlan);
        }
        text += ". It now has " + credentials(after.length) + ".";
      } else {
        var result = plan.removeAll(ids);
        added = [];
        removed = result.removed;
        text = "Removed " + credentials(removed.length) + " from your plan";
        if (ticked(removed)) text += "; the evidence you ticked as collected is kept for when you add them again";
        text += ". It now has " + credentials(result.ids.length) + ".";
      }
      undo.hidden = added.length === 0 && removed.length === 0;
      status.textContent = text;
      refresh();
    });
    undo.addEventListener("click", function () {
      var saved = plan.load().ids;
      var left;
      if (removed.length) {
        left = plan.putBack(removed).ids;
        status.textContent = "Undone: " + credentials(removed.length) + " put back in your plan. It now has " +
                             credentials(left.length) + ".";
      } else {
        var back = added.filter(function (id) { return saved.indexOf(id) >= 0; });
        left = plan.removeAll(back).ids;
        status.textContent = "Undone: " + credentials(back.length) + " taken out of your plan again. It now has " +
                             credentials(left.length) + ".";
      }
      added = [];
      removed = [];
      lastRemoved = null;
      undo.hidden = true;
      toggle.focus();
      refresh();
    });
  }

  function paintGroup(group, ids) {
    var all = groupIds(group).every(function (id) { return ids.indexOf(id) >= 0; });
    var toggle = group.querySelector(".cc-plan-group__toggle");
    var text = toggle.querySelector(".cc-plan-group__text");
    var name = toggle.querySelector(".cc-plan-group__name");
    var label = toggle.getAttribute(all ? "data-remove" : "data-add");
    if (text.textContent !== label) {
      text.textContent = label;
      name.textContent = all ? toggle.getAttribute("data-remove-name") : "";
    }
    toggle.classList.toggle("cc-plan-group__toggle--in", all);
  }

  function cardTitle(card) {
    var link = card.querySelector(".cc-card__title a");
    return (link || card).textContent.trim();
  }

  function paint(button, ids) {
    var inPlan = ids.indexOf(button.getAttribute("data-plan-id")) >= 0;
    var text = button.querySelector(".cc-plan-toggle__text");
    if (text.textContent !== (inPlan ? REMOVE : ADD)) text.textContent = inPlan ? REMOVE : ADD;
    button.classList.toggle("cc-plan-toggle--in", inPlan);
  }

  /* Give new cards and slots their controls; refresh then draws them in the current state. */
  function decorate() {
    scheduled = false;
    var slots = document.querySelectorAll(".cc-plan-actions[data-credential]:not([data-plan-ready])");
    var cards = document.querySelectorAll(".md-content .cc-card[data-credential]:not([data-plan-ready])");
    var groups = document.querySelectorAll(".cc-plan-group[data-plan-ids]:not([data-plan-ready])");
    groups.forEach(function (group) {
      group.setAttribute("data-plan-ready", "");
      wireGroup(group);
      group.hidden = false;
    });
    if (!slots.length && !cards.length) return;
    if (!announcer) {  /* only on pages with controls, before anything is announced */
      announcer = el("div", { class: "cc-sr-only", role: "status", "aria-live": "polite" });
      document.body.appendChild(announcer);
    }
    slots.forEach(function (slot) {
      slot.setAttribute("data-plan-ready", "");
      slot.appendChild(planButton(slot.getAttribute("data-credential"), slot.getAttribute("data-title")));
      if (slot.hasAttribute("data-plan")) {
        slot.appendChild(el("a", { href: slot.getAttribute("data-plan") }, [
          document.createTextNode("See my plan"), el("span", { class: "cc-plan-link__count" })
        ]));
      }
      slot.hidden = false;
    });
    cards.forEach(function (card) {
      card.setAttribute("data-plan-ready", "");
      var id = card.getAttribute("data-credential");
      var title = cardTitle(card);
      var actions = el("div", { class: "cc-card__actions" });
      if (!card.classList.contains("cc-card--retired")) {
        actions.appendChild(planButton(id, title));
      }
      if (bar) {
        actions.appendChild(compareBox(id, title));
      }
      if (actions.childNodes.length) card.appendChild(actions);
    });
  }

  function update() {
    decorate();
    refresh();
  }

  function countPlan(ids) {
    document.querySelectorAll(".cc-plan-link__count").forEach(function (count) {
      var text = ids.length ? " (" + credentials(ids.length) + ")" : "";
      if (count.textContent !== text) count.textContent = text;
    });
  }

  function drawBar(chosen) {
    if (!bar) return;
    bar.textContent = "";
    bar.hidden = chosen.length === 0;
    document.documentElement.classList.toggle("cc-comparing", chosen.length > 0);
    if (!chosen.length) return;
    bar.appendChild(el("p", { text: chosen.length === 1
      ? "1 credential chosen to compare: choose at least one more."
      : credentials(chosen.length) + " chosen to compare (up to " + plan.maxCompare + ")." }));
    if (chosen.length > 1) {
      bar.appendChild(el("a", { class: "md-button md-button--primary",
                                href: bar.getAttribute("data-compare") + "?ids=" + chosen.join(","),
                                text: "Compare them" }));
    }
    var clear = el("button", { type: "button", class: "md-button", text: "Clear the choice" });
    clear.addEventListener("click", function () {
      plan.compare.clear();
      announce("No credential is chosen to compare now.");
      refresh();
      var first = document.querySelector("[data-compare-id]");
      if (first) first.focus();
    });
    bar.appendChild(clear);
  }

  /* Redraw every control after the plan or the compare choice changed. */
  function refresh() {
    var ids = plan.load().ids;
    document.querySelectorAll(".cc-plan-toggle").forEach(function (button) { paint(button, ids); });
    document.querySelectorAll(".cc-plan-group[data-plan-ready]").forEach(function (group) { paintGroup(group, ids); });
    countPlan(ids);
    var chosen = plan.compare.ids();
    document.querySelectorAll("[data-compare-id]").forEach(function (box) {
      box.checked = chosen.indexOf(box.getAttribute("data-compare-id")) >= 0;
    });
    if (bar && bar.getAttribute("data-drawn") !== chosen.join(",")) {
      bar.setAttribute("data-drawn", chosen.join(","));
      drawBar(chosen);
    }
  }

  function start() {
    bar = document.querySelector(".cc-compare-bar[data-compare]");
    update();
    new MutationObserver(function () {
      if (scheduled) return;
      scheduled = true;
      window.setTimeout(update);  /* new cards, and cards put back, drawn in the current state */
    }).observe(document.body, { childList: true, subtree: true });
    plan.onChange(refresh);
    window.addEventListener("pageshow", refresh);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
