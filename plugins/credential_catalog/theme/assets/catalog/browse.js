/* Search, filters and sorting for the credentials page. The page works without this script: it
 * lists every credential by category, and hides the controls. The controls and filters are in the
 * page from the start (nothing moves when the script takes over); the card store loads with the
 * page, lunr.js on the first search, and each query fetches only the prebuilt index shards its
 * words need. The pure functions at the top mirror search.py and terms.py, and the tests run
 * them in node against the Python side. */
(function () {
  "use strict";

  function shardKey(term) { return term.slice(0, 2); }

  var NO_METADATA = Object.freeze({});  /* lunr only reads a posting's metadata */

  /* lunr's serialization of the terms in the loaded shards whose key is in `keys` (all when
   * null), each term scored in each document as lunr's builder scores it: the same as
   * search.py's assemble. Plain loops: this runs on every query, over every posting of the
   * words' shards. */
  function assemble(header, shards, keys) {
    var fields = header.fields;
    var lengths = header.lengths;
    var k1 = header.bm25[0], b = header.bm25[1];
    var total = lengths.length ? lengths[0].length : 0;
    var averages = lengths.map(function (perDoc) {
      var sum = 0;
      for (var d = 0; d < perDoc.length; d++) sum += perDoc[d];
      return total ? sum / total : 0;
    });
    var inverted = [];
    var vectors = {};
    var order = [];
    for (var s = 0; s < shards.length; s++) {
      var shard = shards[s];
      for (var t = 0; t < shard.terms.length; t++) {
        var term = shard.terms[t];
        if (keys && keys.indexOf(shardKey(term)) < 0) continue;
        var perField = shard.postings[t];
        var holding = 0;
        for (var h = 0; h < perField.length; h++) holding += perField[h].length / 2;
        var idf = Math.log(1 + Math.abs((total - holding + 0.5) / (holding + 0.5)));
        var number = inverted.length;
        var posting = { _index: number };
        for (var f = 0; f < fields.length; f++) {
          var flat = perField[f];
          var docs = {};
          var doc = 0;
          for (var i = 0; i < flat.length; i += 2) {
            doc += flat[i];  /* document numbers are delta coded */
            docs[doc] = NO_METADATA;
            var key = fields[f] + "/" + doc;
            var vector = vectors[key];
            if (!vector) { vector = vectors[key] = []; order.push(key); }
            var tf = flat[i + 1];
            var score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (lengths[f][doc] / averages[f])) + tf);
            score *= header.boosts[f];
            vector.push(number, Math.floor(score * 1000 + 0.5) / 1000);
          }
          posting[fields[f]] = docs;
        }
        inverted.push([term, posting]);
      }
    }
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

  function trim(word) {
    word = word.replace(/^\W+/, "").replace(/\W+$/, "");
    return word.slice(-2) === "'s" ? word.slice(0, -2) : word;
  }

  function stemOf(lunr, word) { return lunr.stemmer(new lunr.Token(word, {})).toString(); }

  /* terms.words: each word search keeps, as typed (trimmed, lowercase) and stemmed. */
  function words(lunr, text) {
    var found = [];
    lunr.tokenizer(text.replace(/[\u2018\u2019]/g, "'")).forEach(function (token) {
      var word = trim(token.toString());
      if (word && lunr.stopWordFilter(new lunr.Token(word, {}))) found.push([word, stemOf(lunr, word)]);
    });
    return found;
  }

  function wordClauses(lunr, clauses, word, stem) {
    var found = [{ term: stem, boost: clauses.exact.boost }];
    if (word.length >= clauses.prefix.shortest) {
      found.push({ term: word, boost: clauses.prefix.boost, wildcard: "trailing" });
    }
    var prefixes = [];
    var shortest = Math.max(clauses.partial.shortest, word.length - clauses.partial.drop);
    for (var end = word.length - 1; end >= shortest; end--) {
      [word.slice(0, end), stemOf(lunr, word.slice(0, end))].forEach(function (term) {
        if (prefixes.indexOf(term) < 0 && term !== stem) prefixes.push(term);
      });
    }
    if (prefixes.length) {
      found.push({ term: prefixes[0], anyOf: prefixes, boost: clauses.partial.boost, loose: true });
    }
    if (stem.length >= clauses.typo.shortest) {
      found.push({ term: stem, boost: clauses.typo.boost, editDistance: clauses.typo.edits, loose: true });
    }
    return found;
  }

  /* search.py's query_units: what a visitor typed, as the units a result must match. */
  function units(lunr, rules, text) {
    var clauses = rules.clauses;
    var phrases = {};
    var longest = 1;
    Object.keys(rules.synonyms).forEach(function (term) {
      rules.synonyms[term].forEach(function (key) {
        phrases[key] = term;
        longest = Math.max(longest, key.split(" ").length);
      });
    });
    var stemsOf = function (piece) { return piece.map(function (w) { return w[1]; }).join(" "); };
    function runs(found) {
      var cut = [];
      var i = 0;
      while (i < found.length) {
        var size = 1;
        for (var n = Math.min(longest, found.length - i); n > 1; n--) {
          if (Object.prototype.hasOwnProperty.call(phrases, stemsOf(found.slice(i, i + n)))) { size = n; break; }
        }
        cut.push(found.slice(i, i + size));
        i += size;
      }
      return cut;
    }
    var pieces = [];
    var singles = [];
    runs(words(lunr, text)).concat([[]]).forEach(function (run) {
      if (run.length !== 1) {
        pieces = pieces.concat(runs(singles), run.length ? [run] : []);
        singles = [];
      } else if (rules.filler.indexOf(run[0][1]) < 0) {
        singles.push(run[0]);
      }
    });
    var out = [];
    var seen = {};
    var add = function (word, stem, unit) {
      if (Object.prototype.hasOwnProperty.call(seen, stem)) return;
      seen[stem] = true;
      out.push({ typed: word, clauses: unit });
    };
    var weight = rules.matching.phrase_word_weight;
    pieces.forEach(function (piece) {
      var stemmed = stemsOf(piece);
      var group = Object.prototype.hasOwnProperty.call(phrases, stemmed)
        ? { term: phrases[stemmed], boost: clauses.synonym.boost } : null;
      if (piece.length === 1) {
        add(piece[0][0], piece[0][1], wordClauses(lunr, clauses, piece[0][0], piece[0][1]).concat(group ? [group] : []));
        return;
      }
      var typed = piece.map(function (w) { return w[0]; }).join(" ");
      var kept = piece.filter(function (w) { return rules.filler.indexOf(w[1]) < 0; });
      (kept.length ? kept : piece).forEach(function (w) {
        var unit = [];
        wordClauses(lunr, clauses, w[0], w[1]).forEach(function (c) {
          if (c.loose) return;
          var scaled = {};
          Object.keys(c).forEach(function (key) { scaled[key] = c[key]; });
          scaled.boost = c.boost * weight;
          scaled.phrase = true;
          unit.push(scaled);
        });
        add(typed, w[1], unit.concat([group]));
      });
    });
    return out;
  }

  function neededKeys(lunr, rules, text) {
    var keys = [];
    units(lunr, rules, text).forEach(function (unit) {
      unit.clauses.forEach(function (c) {
        (c.anyOf || [c.term]).forEach(function (term) {
          if (keys.indexOf(shardKey(term)) < 0) keys.push(shardKey(term));
        });
      });
    });
    return keys.sort();
  }

  /* Each clause's term and options for lunr's Query.term (which keeps the options as the clause). */
  function resolve(lunr, index, clauses) {
    var resolved = [];
    clauses.forEach(function (c) {
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
      resolved.push([term, options]);
    });
    return resolved;
  }

  function query(lunr, index, clauses) {
    var resolved = resolve(lunr, index, clauses);
    if (!resolved.length) return [];
    return index.query(function (q) {
      resolved.forEach(function (r) { q.term(r[0], r[1]); });
    }).map(function (hit) { return { ref: hit.ref, score: hit.score }; });
  }

  /* search.py's _refs: the documents the clauses find, without scoring them. */
  function refs(lunr, index, clauses, found) {
    var q = new lunr.Query(index.fields);
    resolve(lunr, index, clauses).forEach(function (r) { q.term(r[0], r[1]); });
    q.clauses.forEach(function (clause) {
      index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray().forEach(function (term) {
        clause.fields.forEach(function (field) {
          Object.keys(index.invertedIndex[term][field]).forEach(function (ref) { found[ref] = true; });
        });
      });
    });
    return found;
  }

  /* The documents a unit finds (as a set, with their number) and whether its loose clauses count:
   * search.py's _matching. */
  function matching(lunr, index, clauses, fewerThan, common) {
    var strict = refs(lunr, index, clauses.filter(function (c) { return !c.loose && !c.phrase; }), {});
    var said = refs(lunr, index, clauses.filter(function (c) { return c.phrase; }), {});
    if (Object.keys(said).length <= common) Object.keys(said).forEach(function (ref) { strict[ref] = true; });
    var size = Object.keys(strict).length;
    if (size >= fewerThan) return { refs: strict, size: size, loose: false };
    var all = refs(lunr, index, clauses.filter(function (c) { return c.loose; }), strict);
    return { refs: all, size: Object.keys(all).length, loose: true };
  }

  /* search.py's search: results matching more of the required words first, then by score. */
  function search(lunr, rules, index, text, total) {
    var found = units(lunr, rules, text);
    var matched = found.map(function (unit) {
      return matching(lunr, index, unit.clauses, rules.matching.loose_below, rules.matching.common * total);
    });
    var known = [];
    matched.forEach(function (m, n) { if (m.size) known.push(n); });
    if (!known.length) known = matched.map(function (_, n) { return n; });
    var rarest = Math.min.apply(null, known.map(function (n) { return matched[n].size; }));
    var required = known.filter(function (n) {
      return matched[n].size <= rules.matching.common * total || matched[n].size === rarest;
    });
    var clauses = [];
    required.forEach(function (n) {
      found[n].clauses.forEach(function (c) { if (matched[n].loose || !c.loose) clauses.push(c); });
    });
    known.forEach(function (n) {
      if (required.indexOf(n) >= 0) return;
      found[n].clauses.forEach(function (c) {
        if (c.loose) return;
        var hint = {};
        Object.keys(c).forEach(function (key) { hint[key] = c[key]; });
        hint.boost = c.boost * rules.matching.common_weight;
        clauses.push(hint);
      });
    });
    var rounded = function (score) { return Math.floor(score * 1e6 + 0.5); };
    var ranked = query(lunr, index, clauses).map(function (hit) {
      var count = required.filter(function (n) { return matched[n].refs[hit.ref]; }).length;
      return { count: count, hit: hit };
    }).sort(function (a, b) {
      return b.count - a.count || rounded(b.hit.score) - rounded(a.hit.score) || +a.hit.ref - +b.hit.ref;
    });
    var full = ranked.filter(function (r) { return r.count === required.length; })
      .map(function (r) { return r.hit; });
    var partial = ranked.filter(function (r) { return r.count > 0 && r.count < required.length; })
      .map(function (r) { return r.hit; });
    var unique = function (typed, i, all) { return all.indexOf(typed) === i; };
    var said = required.map(function (n) { return found[n].typed; }).filter(unique);
    var unknown = found.filter(function (_, n) { return known.indexOf(n) < 0; })
      .map(function (unit) { return unit.typed; }).filter(unique);
    return { required: said, full: full, partial: partial, unknown: unknown,
             partlyShown: partial.length > 0 && full.length < rules.matching.partly_below };
  }

  var core = { assemble: assemble, shardsFor: shardsFor, neededKeys: neededKeys, units: units,
               search: search };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
    return;
  }

  var PAGE = 60;
  var WIDE = "(min-width: 60em)";
  var root = document.querySelector(".cc-browse");
  if (!root || !window.fetch || !window.history.pushState) return;
  var all = document.querySelector(".cc-browse-all");
  var allHome = all.parentNode.insertBefore(document.createComment(" all credentials "), all.nextSibling);
  var input = root.querySelector("#cc-query");
  var form = root.querySelector("form");
  var sortBox = root.querySelector("#cc-sort");
  var facetBox = document.querySelector(".cc-facets");
  var facetHome = document.querySelector(".cc-facets-home");
  var results = document.querySelector(".cc-results");
  var status = root.querySelector(".cc-status");
  var clearAll = root.querySelector(".cc-clear");
  var openFilters = root.querySelector(".cc-filters-open");
  var dialog = document.querySelector(".cc-filters-dialog");
  var cardTemplate = document.querySelector("template.cc-card-template");

  var store = null;
  var names = [];
  var retired = {};
  var lunrLoading = null;
  var shards = {};
  var shardLoading = null;
  var built = { keys: null, index: null };
  var state = { q: "", f: {}, sort: "" };
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
    var keys = neededKeys(window.lunr, store.search, state.q);
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

  function sorts() {
    return Array.prototype.map.call(sortBox.options, function (o) { return o.value; });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var sort = params.get("sort") || "";
    var next = { q: params.get("query") || "", f: {}, sort: sorts().indexOf(sort) >= 0 ? sort : "" };
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
    if (s.sort) params.set("sort", s.sort);
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

  /* A facet's boxes, each with the count beside it as last drawn: the filters do not change after
   * load, and each query redraws only the counts that changed. */
  var facetControls = {};
  function boxes(name) {
    if (!facetControls[name]) {
      facetControls[name] = Array.prototype.map.call(facetBox.querySelectorAll('input[name="' + name + '"]'),
        function (box) { return { box: box, count: box.nextSibling.lastChild, drawn: null }; });
    }
    return facetControls[name];
  }

  function syncControls() {
    if (input.value !== state.q) input.value = state.q;
    sortBox.value = state.sort;
    names.forEach(function (name) {
      var picked = state.f[name] || [];
      boxes(name).forEach(function (c) { c.box.checked = picked.indexOf(c.box.value) >= 0; });
      if (picked.length) facetBox.querySelector('[data-facet="' + name + '"]').open = true;
    });
  }

  /* Facet values combine with OR inside a facet and AND across facets; each value's count is what
   * the results would hold if that value were added to its facet's current choice. */
  function evaluate(candidates) {
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

  /* The order the chosen sort gives `list` (store numbers): best match keeps it; without a query,
   * the catalog's order (by category, then title); shortest first; or by title (the store's order). */
  function sorted(list) {
    var copy = list.slice();
    var category = function (i) { return store.facets.category.docs[i][0]; };
    if (state.sort === "time") {
      copy.sort(function (a, b) { return store.hours[a] - store.hours[b] || a - b; });
    } else if (state.sort === "title") {
      copy.sort(function (a, b) { return a - b; });
    } else if (!state.q) {
      copy.sort(function (a, b) { return category(a) - category(b) || a - b; });
    }
    return copy;
  }

  /* A card: a copy of the page's card template (credential-card.html, rendered blank, retired and
   * a good first credential) filled from the store. */
  function card(i) {
    var id = store.ids[i];
    var node = cardTemplate.content.firstElementChild.cloneNode(true);
    var fill = function (selector, text) { node.querySelector(selector).textContent = text; };
    var labels = function (name) {
      return store.facets[name].docs[i].map(function (s) { return store.facets[name].values[s][1]; }).join(", ");
    };
    var drop = function (selector) {
      var badge = node.querySelector(selector);
      var space = badge.previousSibling;
      if (space && space.nodeType === Node.TEXT_NODE && !space.textContent.trim()) space.parentNode.removeChild(space);
      badge.parentNode.removeChild(badge);
    };
    node.setAttribute("data-credential", id);
    var link = node.querySelector(".cc-card__title a");
    link.href = root.dataset.credentials + id + "/";
    link.textContent = store.titles[i];
    if (!retired[i]) {
      drop(".cc-badge--retired");
      node.classList.remove("cc-card--retired");
    }
    if (!store.facets.start.docs[i].length) drop(".cc-card__first");
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

  function quoted(list) {
    var q = list.map(function (w) { return "\u201C" + w + "\u201D"; });
    if (q.length < 2) return q.join("");
    if (q.length === 2) return "both " + q[0] + " and " + q[1];
    return "all of " + q.slice(0, -1).join(", ") + " and " + q[q.length - 1];
  }

  var ORDER = { time: "shortest first", title: "by title" };

  function describe(full, partial, required, unknown) {
    var order = state.sort ? ORDER[state.sort] : state.q ? "best match first" : "";
    if (!state.q && !activeCount()) {
      return "Showing all " + store.ids.length + (store.ids.length === 1 ? " credential" : " credentials") +
        (order ? ", " + order : "") + ".";
    }
    var filters = activeCount();
    var words = state.q ? " " + (required.length ? quoted(required) : "\u201C" + state.q + "\u201D") : "";
    var text = full === 0 && partial ? "No credential matches" + words
      : (full === 1 ? "1 credential matches" : full + " credentials match") + words;
    if (filters) text += filters === 1 ? " with 1 filter" : " with " + filters + " filters";
    if (full > 1 && order) text += ", " + order;
    text += ".";
    if (partial) {
      text += " " + partial + (full ? " more" : "") + (partial === 1 ? " matches" : " match") +
        " some of the words.";
    }
    if (unknown && unknown.length) {
      text = "No credential mentions " + unknown.map(function (w) { return "\u201C" + w + "\u201D"; }).join(" or ") +
        ". " + text;
    }
    return text;
  }

  function list(items) {
    var ul = el("ul", { class: "cc-cards cc-results__list" }, []);
    items.forEach(function (i) { ul.appendChild(card(i)); });
    return ul;
  }

  /* The grouped list is taken out of the page while results show, not just hidden: Chromium saves
   * the state of every form control on the page (each card has two) at each history entry, which
   * at 1,000 credentials made every keystroke's URL update take about 15 ms. */
  function showAll(visible) {
    if (visible === all.isConnected) return;
    if (visible) allHome.parentNode.insertBefore(all, allHome);
    else all.remove();
  }

  function render(announce) {
    var searching = state.q.trim() !== "";
    var ranking = null;
    if (searching) {
      var index = queryIndex();
      if (!index) {
        status.textContent = "Loading search\u2026";
        return;
      }
      ranking = search(window.lunr, store.search, index, state.q, store.ids.length);
    }
    var refs = function (hits) { return hits.map(function (h) { return +h.ref; }); };
    var fullRefs = ranking ? refs(ranking.full) : store.ids.map(function (_, i) { return i; });
    var partRefs = ranking && ranking.partlyShown ? refs(ranking.partial) : [];
    var outcome = evaluate(fullRefs.concat(partRefs));
    var inFull = {};
    fullRefs.forEach(function (i) { inFull[i] = true; });
    var full = sorted(outcome.matched.filter(function (i) { return inFull[i]; }));
    var partial = sorted(outcome.matched.filter(function (i) { return !inFull[i]; }));
    names.forEach(function (name) {
      boxes(name).forEach(function (c, slot) {
        var count = outcome.counts[name][slot];
        if (c.drawn !== count) {
          c.count.textContent = "(" + count + ")";
          c.drawn = count;
        }
        if (c.box.disabled !== (count === 0 && !c.box.checked)) c.box.disabled = !c.box.disabled;
      });
      var chosen = (state.f[name] || []).length;
      facetBox.querySelector('[data-facet="' + name + '"] .cc-facet__chosen').textContent =
        chosen ? " (" + chosen + " chosen)" : "";
    });
    var filtered = searching || activeCount() > 0 || state.sort !== "";
    showAll(!filtered);
    document.body.classList.toggle("cc-filtering", filtered);
    results.hidden = !filtered;
    clearAll.disabled = !(searching || activeCount() > 0 || state.sort);
    openFilters.querySelector(".cc-filters-count").textContent = "(" + activeCount() + ")";
    var total = full.length + partial.length;
    dialog.querySelector(".cc-dialog__done").textContent =
      total === 1 ? "Show 1 credential" : "Show " + total + " credentials";
    results.textContent = "";
    if (filtered) {
      if (total) {
        var room = shown;
        if (full.length) {
          results.appendChild(el("h2", { class: "cc-results__title", text: "Results" }));
          results.appendChild(list(full.slice(0, room)));
          room -= full.length;
        }
        if (partial.length && room > 0) {
          results.appendChild(el("h2", { class: "cc-results__title", id: "cc-partly", text: "Partly matching" }));
          results.appendChild(el("p", { class: "cc-hint", text: "These match some of the words, not all." }));
          results.appendChild(list(partial.slice(0, room)));
        }
        if (total > shown) {
          var more = el("button", { type: "button", class: "md-button cc-more",
                                    text: "Show more (" + (total - shown) + " left)" });
          more.addEventListener("click", function () { shown += PAGE; render(false); });
          results.appendChild(more);
        }
      } else {
        results.appendChild(emptyState());
      }
    }
    var text = describe(full.length, partial.length, ranking ? ranking.required : [], ranking ? ranking.unknown : []);
    if (announce !== false || status.textContent !== text) status.textContent = text;
    status.setAttribute("data-query", state.q);
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

  /* On a phone the filters open over the list in a modal dialog; they move back when it closes. */
  function showFilters() {
    dialog.querySelector(".cc-dialog__body").appendChild(facetBox);
    dialog.showModal();
  }

  function filtersClosed() {
    facetHome.appendChild(facetBox);
    if (!window.matchMedia(WIDE).matches) openFilters.focus();
  }

  function start(loaded) {
    store = loaded;
    store.retired.forEach(function (i) { retired[i] = true; });
    names = Object.keys(store.facets);
    facetBox.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
      box.addEventListener("change", onFacetChange);
    });
    state = readUrl();
    if (!state.q && input.value) state.q = input.value;  // typed before the script took over
    syncControls();
    input.addEventListener("input", onInput);
    input.addEventListener("focus", function () { loadLunr().catch(failed); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      typing = false;
      render();
    });
    sortBox.addEventListener("change", function () {
      state.sort = sortBox.value;
      commit();
    });
    clearAll.addEventListener("click", function () {
      state = { q: "", f: {}, sort: "" };
      commit();
      input.focus();
    });
    openFilters.addEventListener("click", showFilters);
    dialog.addEventListener("close", filtersClosed);
    dialog.querySelector(".cc-dialog__close").addEventListener("click", function () { dialog.close(); });
    dialog.querySelector(".cc-dialog__done").addEventListener("click", function () { dialog.close(); });
    window.matchMedia(WIDE).addEventListener("change", function (event) {
      if (event.matches && dialog.open) dialog.close();
    });
    window.addEventListener("popstate", function () {
      typing = false;
      shown = PAGE;
      state = readUrl();
      syncControls();
      render();
    });
    render(false);  // the page already says what it shows: nothing to announce
    root.setAttribute("data-ready", "");
  }

  fetch(root.dataset.store).then(function (r) { return r.json(); }).then(start);
})();
