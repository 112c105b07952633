/* Material's light/dark switch is a group of radios, none of them checked, named for the scheme
   they switch away from: the keyboard lands on the first, whose focus ring shows on a label hidden
   in the dark scheme, and Space does not switch. A button takes its place: it shows the icon and
   name of the switch that is showing, and selects that switch's scheme as its label would. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-md-component='palette']");
  var button = document.querySelector(".cc-scheme-button");
  if (!form || !button) return;
  var labels = form.querySelectorAll("label[for]");
  if (!labels.length) return;

  function showing() {
    return Array.prototype.find.call(labels, function (label) { return !label.hidden; });
  }
  function sync() {
    var label = showing();
    if (!label) return;
    var icon = label.querySelector("svg");
    button.replaceChildren(icon ? icon.cloneNode(true) : document.createTextNode(label.title));
    button.setAttribute("aria-label", label.title);
    button.title = label.title;
    if (button.hidden) {
      button.hidden = false;
      form.classList.add("cc-scheme-replaced");
    }
  }

  button.addEventListener("click", function () {
    var label = showing();
    var input = label && document.getElementById(label.htmlFor);
    if (!input) return;
    input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  new MutationObserver(sync).observe(form, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
  sync();
})();
