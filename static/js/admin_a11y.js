// Accessible names for the admin widgets drawn in the browser, where the server cannot put them (found by
// axe-core on our change forms, tests/admin/test_forms_browser.py): the rich-text editor's text box, Select2
// choosers (Django's autocomplete) and modeltranslation's language switch. Django's own inputs, the cells of
// tabular inlines and the date and time boxes included, are named on the server (workflow/admin.py:
// LabelledCells, label_date_and_time). Every name comes from text already on the page.
(function () {
  "use strict";

  const script = document.currentScript;
  let counter = 0;

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/\s*:\s*$/, "").trim() : "";
  }

  function labelFor(id) {
    return id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
  }

  function labelId(label) {
    if (!label.id) {
      counter += 1;
      label.id = `admin-a11y-label-${counter}`;
    }
    return label.id;
  }

  function rowNumber(cell) {
    const row = cell.closest("tr");
    const match = row && /-(\d+)$/.exec(row.id);
    return match ? ` ${Number(match[1]) + 1}` : "";
  }

  function nameEditors(root) {
    for (const editor of root.querySelectorAll(".prose-editor [contenteditable]:not([aria-labelledby])")) {
      const source = editor.closest(".prose-editor").querySelector("textarea");
      const label = labelFor(source && source.id);
      if (label) {
        editor.setAttribute("aria-labelledby", labelId(label));
      }
    }
  }

  function nameChoosers(root) {
    for (const select of root.querySelectorAll("select.admin-autocomplete")) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2") || container.dataset.a11y) {
        continue;
      }
      const label = labelFor(select.id);
      // In an inline table, no <label>: the name the server gave the <select> (its column), and the row.
      const served = select.getAttribute("aria-label");
      const cell = select.closest("td");
      const name = label ? text(label) : served ? served + (cell ? rowNumber(cell) : "") : "";
      if (!name) {
        continue;
      }
      const selection = container.querySelector(".select2-selection");
      const rendered = container.querySelector(".select2-selection__rendered[id]");
      if (selection && label && rendered) {
        selection.setAttribute("aria-labelledby", `${labelId(label)} ${rendered.id}`);
      } else if (selection) {
        selection.removeAttribute("aria-labelledby");
        selection.setAttribute("aria-label", name);
      }
      if (rendered && rendered.getAttribute("role") === "textbox") {
        // The choice shown, empty until one is made, is the text box's value, not its name.
        rendered.setAttribute("aria-label", name);
      }
      const search = container.querySelector(".select2-search__field");
      if (search) {
        search.setAttribute("aria-label", name);
      }
      container.dataset.a11y = "done";
    }
  }

  function nameLanguageSwitch(root) {
    const select = root.querySelector("#modeltranslation-main-switch:not([aria-label])");
    if (select && script && script.dataset.languageSwitch) {
      select.setAttribute("aria-label", script.dataset.languageSwitch);
    }
  }

  function run() {
    nameEditors(document);
    nameChoosers(document);
    nameLanguageSwitch(document);
  }

  let pending = false;
  const observer = new MutationObserver(() => {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(() => {
        pending = false;
        run();
      });
    }
  });
  document.addEventListener("DOMContentLoaded", () => {
    run();
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
