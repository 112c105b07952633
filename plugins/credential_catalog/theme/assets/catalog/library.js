// Narrow the planning page's resource library by phase and type. Without scripts the full list shows.
(() => {
  const form = document.querySelector("form[data-cc-filter]");
  const items = Array.from(document.querySelectorAll(".cc-library > li"));
  if (!form || !items.length) return;
  const { phase, type } = form.elements;
  const status = form.querySelector("[role=status]");

  const apply = () => {
    let shown = 0;
    for (const item of items) {
      const match = (!phase.value || item.dataset.phases.split(" ").includes(phase.value))
        && (!type.value || item.dataset.type === type.value);
      item.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = shown
      ? `Showing ${shown} of ${items.length} resource${items.length === 1 ? "" : "s"}.`
      : "No resource matches both choices. Choose another phase or type, or show all.";
  };

  const reveal = () => {
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.hidden && items.includes(target)) {
      form.reset();
      apply();
      target.scrollIntoView();
    }
  };

  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("hashchange", reveal);
  form.hidden = false;
  apply();
})();

/* Planning guide: print only the checklist of tasks. */
(function () {
  "use strict";
  var button = document.querySelector(".cc-print-checklist");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    document.documentElement.classList.add("cc-printing-checklist");
    window.print();
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("cc-printing-checklist");
  });
})();
