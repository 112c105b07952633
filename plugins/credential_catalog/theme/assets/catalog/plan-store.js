/* The reader's plan (in localStorage) and compare choice (in sessionStorage), kept in this browser
   only and never sent anywhere. One plan per site: the key names the site's own address. */
(function () {
  "use strict";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_PLAN = 200;
  var MAX_COMPARE = 4;
  var MAX_KEPT = 100;  /* credentials taken out of the plan whose ticks are kept */
  var MAX_KEYS = 50;   /* ticks kept per credential */
  var site = new URL("../../", document.currentScript.src);
  var planKey = "credential-catalog:plan:" + site.pathname;
  var compareKey = "credential-catalog:compare:" + site.pathname;
  var memory = Object.create(null);
  var listeners = [];

  function storage(kind) {
    try {
      var store = window[kind];
      store.setItem(planKey + ":probe", "1");
      store.removeItem(planKey + ":probe");
      return store;
    } catch (error) {
      return null;
    }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");

  function read(store, key) {
    var text = store ? store.getItem(key) : memory[key];
    if (!text) return null;
    try { return JSON.parse(text); } catch (error) { return null; }
  }

  function write(store, key, value) {
    var text = JSON.stringify(value);
    if (store) {
      try { store.setItem(key, text); return; } catch (error) { /* full: keep it for this page */ }
    }
    memory[key] = text;
  }

  /* Distinct well-formed ids, in order, at most `limit`. */
  function cleanIds(list, limit) {
    var seen = Object.create(null);
    var out = [];
    (Array.isArray(list) ? list : []).forEach(function (id) {
      if (typeof id === "string" && ID.test(id) && id.length <= 80 && !seen[id] && out.length < limit) {
        seen[id] = true;
        out.push(id);
      }
    });
    return out;
  }

  /* What was ticked as collected for each of `ids`: distinct well-formed keys, at most MAX_KEYS. */
  function cleanDone(done, ids) {
    var out = Object.create(null);
    if (!done || typeof done !== "object") return out;
    ids.forEach(function (id) {
      var keys = Array.isArray(done[id]) ? cleanKeys(done[id]) : [];
      if (keys.length) out[id] = keys;
    });
    return out;
  }

  function cleanKeys(list) {
    return list.filter(function (key, n) {
      return typeof key === "string" && /^[a-z0-9-]{1,40}$/.test(key) && list.indexOf(key) === n;
    }).slice(0, MAX_KEYS);
  }

  /* The whole stored state: the plan's ids, and the ticks of its credentials and of those taken out
     of it (`kept`, most recently taken out last), which come back when one is added again. */
  function state() {
    var saved = read(local, planKey) || {};
    var ids = cleanIds(saved.ids, MAX_PLAN);
    var kept = cleanIds(saved.kept, MAX_KEPT).filter(function (id) { return ids.indexOf(id) < 0; });
    return { ids: ids, done: cleanDone(saved.done, ids.concat(kept)), kept: kept };
  }

  /* The plan as the pages show and share it: its credentials and their ticks, nothing else. */
  function load() {
    var all = state();
    return { ids: all.ids, done: cleanDone(all.done, all.ids) };
  }

  function save(plan) {
    var ids = cleanIds(plan.ids, MAX_PLAN);
    var kept = plan.kept.filter(function (id, n) {
      return ids.indexOf(id) < 0 && plan.kept.lastIndexOf(id) === n && cleanDone(plan.done, [id])[id];
    }).slice(-MAX_KEPT);
    write(local, planKey, { version: 1, ids: ids, done: cleanDone(plan.done, ids.concat(kept)), kept: kept });
  }

  function update(change) {
    var plan = state();
    var result = change(plan);
    save(plan);
    var saved = load();
    if (result) saved.removed = result;
    return saved;
  }

  /* Take `ids` out of the plan; their ticks are kept for when they are added again. The result's
     `removed` lists each one taken out with its former position, for `putBack`. */
  function removeAll(ids) {
    return update(function (plan) {
      var removed = [];
      plan.ids.forEach(function (id, at) { if (ids.indexOf(id) >= 0) removed.push({ id: id, at: at }); });
      plan.ids = plan.ids.filter(function (other) { return ids.indexOf(other) < 0; });
      plan.kept = plan.kept.concat(removed.map(function (entry) { return entry.id; }));
      return removed;
    });
  }

  function add(plan, id) {
    if (plan.ids.indexOf(id) < 0) plan.ids.push(id);
    plan.kept = plan.kept.filter(function (other) { return other !== id; });
  }

  function compareIds() {
    return cleanIds(read(session, compareKey), MAX_COMPARE);
  }

  window.addEventListener("storage", function (event) {
    if (event.key === planKey) listeners.forEach(function (listener) { listener(); });
  });

  /* An element with attributes ("text" sets its text) and children (nodes or strings), for the
     scripts that draw the plan's controls and pages. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* The build's plan files in `folder` (a URL): index.json and one file per credential, each
     fetched once. */
  function files(folder) {
    var fetched = Object.create(null);
    function json(name) {
      if (!fetched[name]) {
        var url = new URL(name, folder);
        fetched[name] = fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(url + ": " + response.status);
          return response.json();
        });
      }
      return fetched[name];
    }
    return {
      index: function () { return json("index.json"); },
      credential: function (id) { return json(id + ".json"); }
    };
  }

  window.CredentialPlan = {
    el: el,
    files: files,
    site: site.href,
    persistent: local !== null,
    maxPlan: MAX_PLAN,
    maxCompare: MAX_COMPARE,
    cleanIds: function (list) { return cleanIds(list, MAX_PLAN); },
    /* "a,b,c" from an address's ?ids= */
    parseIds: function (text, limit) {
      return cleanIds(String(text || "").split(",").map(function (id) { return id.trim(); }), limit || MAX_PLAN);
    },
    load: load,
    has: function (id) { return load().ids.indexOf(id) >= 0; },
    /* Credentials taken out of the plan whose ticked evidence is kept. */
    kept: function () { return state().kept; },
    add: function (id) {
      return update(function (plan) { add(plan, id); });
    },
    remove: function (id) { return removeAll([id]); },
    removeAll: removeAll,
    /* Put back what `removeAll` took out (its `removed`), each at its former position. */
    putBack: function (removed) {
      return update(function (plan) {
        removed.slice().sort(function (a, b) { return a.at - b.at; }).forEach(function (entry) {
          if (plan.ids.indexOf(entry.id) >= 0) return;
          plan.kept = plan.kept.filter(function (other) { return other !== entry.id; });
          plan.ids.splice(Math.min(entry.at, plan.ids.length), 0, entry.id);
        });
      });
    },
    move: function (id, delta) {
      return update(function (plan) {
        var from = plan.ids.indexOf(id);
        var to = from + delta;
        if (from < 0 || to < 0 || to >= plan.ids.length) return;
        plan.ids.splice(from, 1);
        plan.ids.splice(to, 0, id);
      });
    },
    /* Replace the plan (ids and what was collected), or add to it when `merge` is true. `done`
       null means the source says nothing of ticks: those kept in this browser stay. Credentials a
       replacement takes out keep their ticks, as a removal does. */
    replace: function (ids, done, merge) {
      return update(function (plan) {
        var incoming = cleanIds(ids, MAX_PLAN);
        var collected = cleanDone(done, incoming);
        if (!merge) {
          var out = plan.ids.filter(function (id) { return incoming.indexOf(id) < 0; });
          plan.kept = plan.kept.concat(out);
          if (done !== null) incoming.forEach(function (id) { delete plan.done[id]; });
          plan.ids = [];
        }
        incoming.forEach(function (id) {
          add(plan, id);
          if (collected[id]) {
            plan.done[id] = (plan.done[id] || []).concat(collected[id].filter(function (key) {
              return (plan.done[id] || []).indexOf(key) < 0;
            }));
          }
        });
      });
    },
    setDone: function (id, key, done) {
      return update(function (plan) {
        var keys = (plan.done[id] || []).filter(function (other) { return other !== key; });
        if (done) keys.push(key);
        if (keys.length) plan.done[id] = keys; else delete plan.done[id];
      });
    },
    /* Called when another tab or window of this site changed the plan. */
    onChange: function (listener) { listeners.push(listener); },
    compare: {
      ids: compareIds,
      /* Returns false when the choice is already full. */
      set: function (id, chosen) {
        var ids = compareIds().filter(function (other) { return other !== id; });
        if (chosen) {
          if (ids.length >= MAX_COMPARE) return false;
          ids.push(id);
        }
        write(session, compareKey, ids);
        return true;
      },
      clear: function () { write(session, compareKey, []); }
    }
  };
})();
