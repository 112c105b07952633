/* Material opens its menu and, on a phone, its search from labels for checkboxes, which no key
   reaches. A button the header holds hidden takes each label's place and says whether what it
   opens is open; `then` runs after each change too. */
(function () {
  "use strict";

  function replaceLabel(toggle, button, then) {
    function sync() {
      button.setAttribute("aria-expanded", String(toggle.checked));
      if (then) then();
    }
    button.previousElementSibling.hidden = true;
    button.hidden = false;
    sync();
    toggle.addEventListener("change", sync);
    return sync;
  }

  /* The menu's button opens the drawer and moves focus into it; Escape, the button, or focus
     leaving the drawer closes it. In the drawer, section labels open their panes with Enter or Space. */
  function drawerButton(toggle, button, drawer) {
    var offCanvas = window.matchMedia("(max-width: 76.234375em)");
    var paneLabels = "label.md-nav__link[for], label.md-nav__title[for]:not([for='__drawer'])";

    function first(root) {
      return Array.prototype.find.call(root.querySelectorAll("a[href], label[tabindex]"), function (el) {
        return el.getClientRects().length && getComputedStyle(el).visibility === "visible";
      });
    }
    function close(refocus) {
      if (toggle.checked) toggle.click();
      if (refocus) button.focus();
    }
    /* Section labels take focus only while the drawer is off-canvas: on a wide screen they are headings.
       A label that opens a pane says whether it is open. */
    function labels() {
      drawer.querySelectorAll(paneLabels).forEach(function (el) {
        var pane = el.classList.contains("md-nav__link") && document.getElementById(el.htmlFor);
        if (offCanvas.matches && !el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
          el.setAttribute("data-cc-tabindex", "");
        } else if (!offCanvas.matches && el.hasAttribute("data-cc-tabindex")) {
          el.removeAttribute("tabindex");
          el.removeAttribute("data-cc-tabindex");
        }
        if (pane && offCanvas.matches) {
          el.setAttribute("role", "button");
          el.setAttribute("aria-expanded", String(pane.checked));
        } else if (pane) {
          el.removeAttribute("role");
          el.removeAttribute("aria-expanded");
        }
      });
    }

    replaceLabel(toggle, button);
    labels();
    offCanvas.addEventListener("change", labels);
    drawer.addEventListener("change", labels);
    button.addEventListener("click", function () {
      toggle.click();
      if (toggle.checked) {
        var target = first(drawer);
        if (target) target.focus({ preventScroll: true });
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && offCanvas.matches) close(drawer.contains(document.activeElement));
    });
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && offCanvas.matches && !drawer.contains(event.target) && event.target !== button) close(false);
    });
    drawer.addEventListener("keydown", function (event) {
      var el = event.target;
      if ((event.key !== "Enter" && event.key !== " ") || !el.matches(paneLabels) || !offCanvas.matches) return;
      event.preventDefault();
      event.stopPropagation();  // Material clicks a focused label on Enter too
      el.click();
      var pane = document.getElementById(el.htmlFor);
      var next = pane && pane.checked
        ? el.parentElement.querySelector(":scope > .md-nav > .md-nav__title")
        : drawer.querySelector("label.md-nav__link[for='" + el.htmlFor + "']");
      if (next) next.focus({ preventScroll: true });
    });
  }

  /* Below 60em the search's field, off screen until the search opens, took focus without showing
     it: the button opens the search and puts focus in the field; while the search is closed the
     field takes no focus, and Escape brings focus back to the button. */
  function searchButton(toggle, button, input) {
    var narrow = window.matchMedia("(max-width: 59.984375em)");
    var sync = replaceLabel(toggle, button, function () {
      if (narrow.matches && !toggle.checked) input.setAttribute("tabindex", "-1");
      else input.removeAttribute("tabindex");
    });
    narrow.addEventListener("change", sync);
    button.addEventListener("click", function () {
      if (!toggle.checked) toggle.click();
      input.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !narrow.matches || !toggle.checked) return;
      window.setTimeout(function () {
        if (!toggle.checked && (document.activeElement === document.body || document.activeElement === input)) button.focus();
      });
    });
  }

  var menu = [document.getElementById("__drawer"), document.querySelector(".cc-drawer-button"),
              document.querySelector(".md-sidebar--primary")];
  var search = [document.getElementById("__search"), document.querySelector(".cc-search-button"),
                document.querySelector(".md-search__input")];
  if (menu.every(Boolean)) drawerButton.apply(null, menu);
  if (search.every(Boolean)) searchButton.apply(null, search);
})();
