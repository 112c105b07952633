/* A "Copy" button after every snippet marked data-cc-copy (embed panels, the embed builder). */
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
  function setup() {
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
