/* The header search offers the credentials page's own search too, with what was typed: that page
   reads a classroom need, with synonyms, where the site search matches words in any page. */
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var link = document.querySelector(".cc-search-browse a");
  if (!input || !link) return;
  var base = new URL(link.getAttribute("href"), window.location.href);
  var label = link.firstElementChild;
  var text = label.textContent;
  function update() {
    var query = input.value.trim();
    var url = new URL(base.href);
    url.search = query ? new URLSearchParams({ query: query }).toString() : "";
    link.href = url.href;
    label.textContent = query ? text + ": “" + query + "”" : text;
  }
  ["input", "keyup", "focus"].forEach(function (name) { input.addEventListener(name, update); });
  if (input.form) input.form.addEventListener("reset", function () { window.setTimeout(update); });
  update();
})();
