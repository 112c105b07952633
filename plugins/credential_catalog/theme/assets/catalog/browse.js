/* Search and facets for the credentials page. The page works without this script: it lists every
 * credential by category. The card store loads with the page; lunr.js loads on the first search,
 * and each query fetches only the prebuilt index shards its words need. The pure functions at the top are shared with the tests (run in node). */
(function () {
  "use strict";

  function undeltas(deltas) {
    var total = 0;
    return deltas.map(function (d) { total += d; return total; });
  }

  function shardKey(term) { return term.slice(0, 2); }

  /* lunr's serialization of the terms in the loaded shards whose key is in `keys` (all when
   * null): the same as search.py's assemble. */
  function assemble(header, shards, keys) {
    var fields = header.fields;
    var inverted = [];
    var vectors = {};
    var order = [];
    shards.forEach(function (shard) {
      shard.terms.forEach(function (term, t) {
        if (keys && keys.indexOf(shardKey(term)) < 0) return;
        var number = inverted.length;
        var posting = { _index: number };
        fields.forEach(function (field, f) {
          var flat = shard.postings[t][f];
          var docs = undeltas(flat.filter(function (_, i) { return i % 2 === 0; }));
          posting[field] = {};
          docs.forEach(function (doc, i) {
            var key = field + "/" + doc;
            posting[field][String(doc)] = {};
            if (!vectors[key]) { vectors[key] = []; order.push(key); }
            vectors[key].push(number, flat[2 * i + 1] / 100);
          });
        });
        inverted.push([term, posting]);
      });
    });
    return { version: header.version, fields: fields,
             fieldVectors: order.map(function (key) { return [key, vectors[key]]; }),
             invertedIndex: inverted, pipeline: header.pipeline };
  }

  /* The shard numbers holding `keys`: shards are runs of the sorted terms, known by first key. */
  function shardsFor(header, keys) {
    var numbers = [];
    keys.forEach(function (key) {
      var n = 0;
      while (n + 1 < header.shards.length && header.shards[n + 1] <= key) n++;
      if (numbers.indexOf(n) < 0) numbers.push(n);
    });
    return numbers.sort(function (a, b) { return a - b; });
  }

  /* The same clauses as search.py's query_clauses, by the rules in the store's header (`rules`):
   * exact stem, typed prefix, the longest of the typed word's last few prefixes and their stems
   * that the index holds (it holds "mind" for "mindful", which "mindfu*" misses), and the stem
   * within one edit. */
  function clauses(lunr, rules, text) {
    var out = [];
    lunr.tokenizer(text).forEach(function (token) {
      var kept = lunr.stopWordFilter(lunr.trimmer(token));
      if (!kept || !kept.toString()) return;
      var word = kept.toString();
      var stem = lunr.stemmer(kept.clone()).toString();
      out.push({ term: stem, boost: rules.exact.boost });
      if (word.length >= rules.prefix.shortest) {
        out.push({ term: word, boost: rules.prefix.boost, wildcard: "trailing" });
      }
      var prefixes = [];
      var shortest = Math.max(rules.partial.shortest, word.length - rules.partial.drop);
      for (var end = word.length - 1; end >= shortest; end--) {
        var prefix = word.slice(0, end);
        [prefix, lunr.stemmer(new lunr.Token(prefix, {})).toString()].forEach(function (term) {
          if (prefixes.indexOf(term) < 0 && term !== stem) prefixes.push(term);
        });
      }
      if (prefixes.length) out.push({ term: prefixes[0], anyOf: prefixes, boost: rules.partial.boost });
      if (stem.length >= rules.typo.shortest) {
        out.push({ term: stem, boost: rules.typo.boost, editDistance: rules.typo.edits });
      }
    });
    return out;
  }

  function neededKeys(lunr, rules, text) {
    var keys = [];
    clauses(lunr, rules, text).forEach(function (c) {
      (c.anyOf || [c.term]).forEach(function (term) {
        if (keys.indexOf(shardKey(term)) < 0) keys.push(shardKey(term));
      });
    });
    return keys.sort();
  }

  function search(lunr, rules, index, text) {
    var wanted = clauses(lunr, rules, text);
    if (!wanted.length) return [];
    return index.query(function (query) {
      wanted.forEach(function (c) {
        var term = c.term;
        if (c.anyOf) {
          term = c.anyOf.filter(function (t) {
            return Object.prototype.hasOwnProperty.call(index.invertedIndex, t);
          })[0];
          if (term === undefined) return;
        }
        var options = { usePipeline: false, boost: c.boost };
        if (c.wildcard) options.wildcard = lunr.Query.wildcard.TRAILING;
        if (c.editDistance) options.editDistance = c.editDistance;
        query.term(term, options);
      });
    }).map(function (hit) { return { ref: hit.ref, score: hit.score }; });
  }

  var core = { assemble: assemble, shardsFor: shardsFor, neededKeys: neededKeys, clauses: clauses,
               search: search };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
    return;
  }

  var PAGE = 60;
  var root = document.querySelector(".cc-browse");
  if (!root || !window.fetch || !window.history.pushState) return;
  var all = document.querySelector(".cc-browse-all");
  var input = root.querySelector("#cc-query");
  var form = root.querySelector("form");
  var facetBox = root.querySelector(".cc-facets");
  var results = root.querySelector(".cc-results");
  var status = root.querySelector(".cc-status");
  var clearAll = root.querySelector(".cc-clear");
  var cardTemplate = document.querySelector("template.cc-card-template");

  var store = null;
  var names = [];
  var retired = {};
  var lunrLoading = null;
  var shards = {};
  var shardLoading = null;
  var built = { keys: null, index: null };
  var state = { q: "", f: {} };
  var typing = false;
  var shown = PAGE;
  var timer = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = el("script", { src: src });
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function failed() {
    status.textContent = "Search could not be loaded. Use the filters, or reload the page.";
  }

  function loadLunr() {
    if (!lunrLoading) {
      lunrLoading = (window.lunr ? Promise.resolve() : loadScript(root.dataset.lunr))
        .catch(function (error) { lunrLoading = null; throw error; });
    }
    return lunrLoading;
  }

  function loadShards(numbers) {
    shardLoading = Promise.all(numbers.map(function (n) {
      return fetch(root.dataset.index + n + ".json").then(function (r) {
        if (!r.ok) throw new Error(r.statusText);
        return r.json();
      }).then(function (shard) { shards[n] = shard; });
    })).then(function () {
      shardLoading = null;
      render(false);
    }, function () {
      shardLoading = null;
      failed();
    });
  }

  /* The index for the current query, built from the shards its words need; null while they load. */
  function queryIndex() {
    if (!window.lunr) {
      loadLunr().then(function () { render(false); }, failed);
      return null;
    }
    var keys = neededKeys(window.lunr, store.search.clauses, state.q);
    var numbers = shardsFor(store.search, keys);
    var missing = numbers.filter(function (n) { return !shards[n]; });
    if (missing.length) {
      if (!shardLoading) loadShards(missing);
      return null;
    }
    if (built.keys !== keys.join(" ")) {
      var parts = numbers.map(function (n) { return shards[n]; });
      built = { keys: keys.join(" "),
                index: window.lunr.Index.load(assemble(store.search, parts, keys)) };
    }
    return built.index;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var next = { q: params.get("query") || "", f: {} };
    names.forEach(function (name) {
      var known = store.facets[name].values.map(function (v) { return v[0]; });
      var picked = params.getAll(name).filter(function (v) { return known.indexOf(v) >= 0; });
      if (picked.length) next.f[name] = picked;
    });
    return next;
  }

  function toQuery(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("query", s.q);
    names.forEach(function (name) {
      (s.f[name] || []).forEach(function (value) { params.append(name, value); });
    });
    var text = params.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function activeCount() {
    return names.reduce(function (n, name) { return n + (state.f[name] || []).length; }, 0);
  }

  function selectedSlots(name) {
    var values = store.facets[name].values.map(function (v) { return v[0]; });
    return (state.f[name] || []).map(function (id) { return values.indexOf(id); });
  }

  function buildFacets() {
    names.forEach(function (name) {
      var facet = store.facets[name];
      var list = el("ul", { class: "cc-facet__values" });
      facet.values.forEach(function (value, slot) {
        var id = "cc-f-" + name + "-" + slot;
        var box = el("input", { type: "checkbox", id: id, name: name, value: value[0] });
        box.addEventListener("change", onFacetChange);
        list.appendChild(el("li", {}, [
          box,
          el("label", { for: id }, [
            document.createTextNode(value[1] + " "),
            el("span", { class: "cc-facet__count", "data-count": "" })
          ])
        ]));
      });
      var details = el("details", { class: "cc-facet", "data-facet": name }, [
        el("summary", {}, [
          document.createTextNode(facet.label),
          el("span", { class: "cc-facet__chosen" })
        ]),
        el("fieldset", {}, [el("legend", { class: "cc-visually-hidden", text: facet.label }), list])
      ]);
      if (name === "category") details.open = true;
      facetBox.appendChild(details);
    });
  }

  function syncControls() {
    if (input.value !== state.q) input.value = state.q;
    names.forEach(function (name) {
      var picked = state.f[name] || [];
      facetBox.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = picked.indexOf(box.value) >= 0;
      });
      if (picked.length) facetBox.querySelector('[data-facet="' + name + '"]').open = true;
    });
  }

  /* Facet values combine with OR inside a facet and AND across facets; each value's count is what
   * the results would hold if that value were added to its facet's current choice. */
  function evaluate(hits) {
    var candidates = hits ? hits.map(function (h) { return +h.ref; })
                          : store.ids.map(function (_, i) { return i; });
    var wanted = {};
    names.forEach(function (name) { wanted[name] = selectedSlots(name); });
    var counts = {};
    names.forEach(function (name) { counts[name] = store.facets[name].values.map(function () { return 0; }); });
    var matched = [];
    candidates.forEach(function (i) {
      var failing = names.filter(function (name) {
        var want = wanted[name];
        if (!want.length) return false;
        var have = store.facets[name].docs[i];
        return !want.some(function (slot) { return have.indexOf(slot) >= 0; });
      });
      if (failing.length > 1) return;
      names.forEach(function (name) {
        if (failing.length && failing[0] !== name) return;
        store.facets[name].docs[i].forEach(function (slot) { counts[name][slot] += 1; });
      });
      if (!failing.length) matched.push(i);
    });
    return { matched: matched, counts: counts };
  }

  /* A card: a copy of the page's card template (credential-card.html, rendered blank and
   * retired) filled from the store. */
  function card(i) {
    var id = store.ids[i];
    var node = cardTemplate.content.firstElementChild.cloneNode(true);
    var fill = function (selector, text) { node.querySelector(selector).textContent = text; };
    var labels = function (name) {
      return store.facets[name].docs[i].map(function (s) { return store.facets[name].values[s][1]; }).join(", ");
    };
    node.setAttribute("data-credential", id);
    var link = node.querySelector(".cc-card__title a");
    link.href = root.dataset.credentials + id + "/";
    link.textContent = store.titles[i];
    if (!retired[i]) {
      var badge = node.querySelector(".cc-badge--retired");
      var space = badge.previousSibling;
      if (space && space.nodeType === Node.TEXT_NODE) space.parentNode.removeChild(space);
      badge.parentNode.removeChild(badge);
      node.classList.remove("cc-card--retired");
    }
    node.querySelector(".cc-card__badge").src = root.dataset.badges + id + ".svg";
    fill(".cc-card__category", labels("category"));
    fill(".cc-card__summary", store.summaries[i]);
    fill(".cc-card__evidence", labels("evidence"));
    fill(".cc-card__time", store.times[i]);
    return el("li", {}, [node]);
  }

  function removeButton(name, value) {
    var text = store.facets[name].values.filter(function (v) { return v[0] === value; })[0][1];
    var button = el("button", { type: "button", class: "cc-chip", text: "Remove filter: " + text });
    button.addEventListener("click", function () {
      state.f[name] = state.f[name].filter(function (v) { return v !== value; });
      if (!state.f[name].length) delete state.f[name];
      commit();
      input.focus();
    });
    return el("li", {}, [button]);
  }

  function emptyState() {
    var tips = el("ul", {}, []);
    if (state.q) {
      tips.appendChild(el("li", { text: "Check the spelling, or use fewer or more general words, such as \u201Clistening\u201D or \u201Cproject\u201D." }));
      tips.appendChild(el("li", { text: "Describe the classroom need in plain words, for example \u201Cstudents give each other feedback\u201D." }));
    }
    var chips = el("ul", { class: "cc-chips" }, []);
    names.forEach(function (name) {
      (state.f[name] || []).forEach(function (value) { chips.appendChild(removeButton(name, value)); });
    });
    if (chips.childNodes.length) tips.appendChild(el("li", { text: "Remove a filter:" }, [chips]));
    return el("div", { class: "cc-empty" }, [
      el("h2", { text: "No credential matches" }),
      el("p", { text: "Try one of these:" }),
      tips
    ]);
  }

  function describe(count) {
    if (!state.q && !activeCount()) return "Showing all " + store.ids.length + " credentials.";
    var parts = [count === 1 ? "1 credential matches" : count + " credentials match"];
    if (state.q) parts.push("\u201C" + state.q + "\u201D");
    var filters = activeCount();
    if (filters) parts.push(filters === 1 ? "with 1 filter" : "with " + filters + " filters");
    return parts.join(" ") + (state.q && count > 1 ? ", best match first." : ".");
  }

  function render(announce) {
    var searching = state.q.trim() !== "";
    var hits = null;
    if (searching) {
      var index = queryIndex();
      if (!index) {
        status.textContent = "Loading search\u2026";
        return;
      }
      hits = search(window.lunr, store.search.clauses, index, state.q);
    }
    var outcome = evaluate(hits);
    names.forEach(function (name) {
      facetBox.querySelectorAll('input[name="' + name + '"]').forEach(function (box, slot) {
        var count = outcome.counts[name][slot];
        var label = box.nextSibling.lastChild;
        if (label.textContent !== "(" + count + ")") label.textContent = "(" + count + ")";
        if (box.disabled !== (count === 0 && !box.checked)) box.disabled = !box.disabled;
      });
      var chosen = (state.f[name] || []).length;
      facetBox.querySelector('[data-facet="' + name + '"] .cc-facet__chosen').textContent =
        chosen ? " (" + chosen + " chosen)" : "";
    });
    var filtered = searching || activeCount() > 0;
    all.hidden = filtered;
    document.body.classList.toggle("cc-filtering", filtered);
    clearAll.disabled = !filtered;
    /* Unfiltered, the full list by category fills the results column beside the filters. */
    if (all.parentNode === results) results.parentNode.parentNode.after(all);
    results.textContent = "";
    results.hidden = false;
    if (!filtered) results.appendChild(all);
    if (filtered) {
      if (outcome.matched.length) {
        var list = el("ul", { class: "cc-cards cc-results__list" }, []);
        outcome.matched.slice(0, shown).forEach(function (i) { list.appendChild(card(i)); });
        results.appendChild(el("h2", { class: "cc-results__title", text: "Results" }));
        results.appendChild(list);
        if (outcome.matched.length > shown) {
          var more = el("button", { type: "button", class: "md-button cc-more",
                                    text: "Show more (" + (outcome.matched.length - shown) + " left)" });
          more.addEventListener("click", function () { shown += PAGE; render(false); });
          results.appendChild(more);
        }
      } else {
        results.appendChild(emptyState());
      }
    }
    var text = describe(outcome.matched.length);
    if (announce !== false || status.textContent !== text) status.textContent = text;
  }

  function commit() {
    typing = false;
    shown = PAGE;
    var url = toQuery(state);
    if (url !== window.location.pathname + window.location.search) {
      window.history.pushState(null, "", url);
    }
    syncControls();
    render();
  }

  function onFacetChange(event) {
    var box = event.target;
    var picked = (state.f[box.name] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) picked.push(box.value);
    if (picked.length) state.f[box.name] = picked; else delete state.f[box.name];
    commit();
  }

  function onInput() {
    state.q = input.value;
    shown = PAGE;
    var url = toQuery(state);
    if (typing) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    typing = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(render, 120);
  }

  function start(loaded) {
    store = loaded;
    store.retired.forEach(function (i) { retired[i] = true; });
    names = Object.keys(store.facets);
    buildFacets();
    state = readUrl();
    syncControls();
    root.hidden = false;
    input.addEventListener("input", onInput);
    input.addEventListener("focus", function () { loadLunr().catch(failed); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      typing = false;
      render();
    });
    clearAll.addEventListener("click", function () {
      state = { q: "", f: {} };
      commit();
      input.focus();
    });
    window.addEventListener("popstate", function () {
      typing = false;
      shown = PAGE;
      state = readUrl();
      syncControls();
      render();
    });
    render();
  }

  fetch(root.dataset.store).then(function (r) { return r.json(); }).then(start);
})();
