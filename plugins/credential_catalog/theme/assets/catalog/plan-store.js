/* The reader's plan (in localStorage) and compare choice (in sessionStorage), kept in this browser
   only and never sent anywhere. One plan per site: the key names the site's own address. */
(function () {
  "use strict";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_PLAN = 200;
  var MAX_COMPARE = 4;
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

  function cleanDone(done, ids) {
    var out = Object.create(null);
    if (!done || typeof done !== "object") return out;
    ids.forEach(function (id) {
      var keys = Array.isArray(done[id]) ? done[id].filter(function (key) {
        return typeof key === "string" && /^[a-z0-9-]{1,40}$/.test(key);
      }) : [];
      if (keys.length) out[id] = keys;
    });
    return out;
  }

  function load() {
    var saved = read(local, planKey) || {};
    var ids = cleanIds(saved.ids, MAX_PLAN);
    return { ids: ids, done: cleanDone(saved.done, ids) };
  }

  function save(plan) {
    var ids = cleanIds(plan.ids, MAX_PLAN);
    write(local, planKey, { version: 1, ids: ids, done: cleanDone(plan.done, ids) });
  }

  function update(change) {
    var plan = load();
    change(plan);
    save(plan);
    return plan;
  }

  /* Take `ids` out of the plan, with what was collected for them. */
  function removeAll(ids) {
    return update(function (plan) {
      plan.ids = plan.ids.filter(function (other) { return ids.indexOf(other) < 0; });
      ids.forEach(function (id) { delete plan.done[id]; });
    });
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
    add: function (id) {
      return update(function (plan) { if (plan.ids.indexOf(id) < 0) plan.ids.push(id); });
    },
    remove: function (id) { return removeAll([id]); },
    removeAll: removeAll,
    move: function (id, delta) {
      return update(function (plan) {
        var from = plan.ids.indexOf(id);
        var to = from + delta;
        if (from < 0 || to < 0 || to >= plan.ids.length) return;
        plan.ids.splice(from, 1);
        plan.ids.splice(to, 0, id);
      });
    },
    /* Replace the plan (ids and what was collected), or add to it when `merge` is true. */
    replace: function (ids, done, merge) {
      return update(function (plan) {
        var incoming = cleanIds(ids, MAX_PLAN);
        var collected = cleanDone(done, incoming);
        if (!merge) {
          plan.ids = incoming;
          plan.done = collected;
          return;
        }
        incoming.forEach(function (id) {
          if (plan.ids.indexOf(id) < 0) plan.ids.push(id);
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
