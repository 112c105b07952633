/* A "Copy" button after every snippet marked data-cc-copy (embed panels, the embed builder), and the
   embed panels' choice of look. */
(function () {
  "use strict";
  function text(source) {
    return source.value !== undefined ? source.value : source.textContent;
  }
  function copy(source) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text(source));
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text(source);
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }
  /* An embed panel's look: the chosen theme goes into the snippet's frame address and the preview link. */
  function looks() {
    document.querySelectorAll("[data-cc-embed-theme]").forEach(function (select) {
      var panel = select.closest(".cc-embed-panel");
      var code = panel && panel.querySelector(".cc-embed-panel__code code");
      if (!code || select.hasAttribute("data-ready")) return;
      select.setAttribute("data-ready", "");
      var original = code.textContent;
      var preview = panel.querySelector("a[href*='embed/']");
      var previewHref = preview && preview.getAttribute("href");
      function themed(address) {
        var url = new URL(address, window.location.href);
        if (select.value) url.searchParams.set("theme", select.value); else url.searchParams.delete("theme");
        return url.href;
      }
      select.addEventListener("change", function () {
        code.textContent = original.replace(/src="([^"]+)"/, function (_, address) { return 'src="' + themed(address) + '"'; });
        if (preview) preview.href = themed(previewHref);
      });
      select.closest("p").hidden = false;
    });
  }
  function setup() {
    looks();
    document.querySelectorAll("[data-cc-copy]").forEach(function (source) {
      if (source.nextElementSibling && source.nextElementSibling.classList.contains("cc-copy")) return;
      var bar = document.createElement("p");
      bar.className = "cc-copy";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Copy snippet";
      var said = document.createElement("span");
      said.className = "cc-copy__status";
      said.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copy(source).then(function () { said.textContent = "Copied."; },
                          function () { said.textContent = "Select the snippet and copy it with your keyboard."; });
        window.setTimeout(function () { said.textContent = ""; }, 4000);
      });
      bar.appendChild(button);
      bar.appendChild(document.createTextNode(" "));
      bar.appendChild(said);
      source.parentNode.insertBefore(bar, source.nextSibling);
    });
  }
  if (window.document$) window.document$.subscribe(setup); else setup();
})();
