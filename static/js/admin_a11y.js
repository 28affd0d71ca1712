// Accessible names the admin's third-party widgets leave out, found by axe-core on our change forms
// (tests/admin/test_forms_browser.py): the rich-text editor's text box, Select2 choosers, the cells of
// tabular inlines (Django labels them only by the column heading), the date and time boxes of a
// date-time field, and modeltranslation's language switch. Every name comes from text already on the page.
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

  function columnHeading(cell) {
    const table = cell.closest("table");
    if (!table) {
      return "";
    }
    const name = Array.from(cell.classList).find((name) => name.startsWith("field-"));
    if (name) {
      return text(table.querySelector(`thead th.column-${CSS.escape(name.slice(6))}`));
    }
    if (cell.classList.contains("delete")) {
      const headings = table.querySelectorAll("thead th");
      return text(headings[headings.length - 1]);
    }
    return "";
  }

  function rowNumber(cell) {
    const row = cell.closest("tr");
    const match = row && /-(\d+)$/.exec(row.id);
    return match ? ` ${Number(match[1]) + 1}` : "";
  }

  function nameTableCells(root) {
    for (const field of root.querySelectorAll(".tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea")) {
      if (field.hasAttribute("aria-label") || labelFor(field.id) || field.closest(".empty-form")) {
        continue;
      }
      const heading = columnHeading(field.closest("td"));
      if (heading) {
        field.setAttribute("aria-label", heading + rowNumber(field.closest("td")));
      }
    }
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
      const cell = select.closest("td");
      const name = label ? text(label) : cell ? columnHeading(cell) + rowNumber(cell) : "";
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

  function nameDateTimes(root) {
    for (const box of root.querySelectorAll("p.datetime")) {
      const inputs = box.querySelectorAll("input");
      const label = labelFor(inputs.length ? inputs[0].id : "");
      for (const input of inputs) {
        if (input.hasAttribute("aria-label")) {
          continue;
        }
        const part = input.previousSibling && input.previousSibling.nodeType === Node.TEXT_NODE
          ? input.previousSibling.textContent.replace(/[\s:]+$/, "").trim()
          : "";
        input.setAttribute("aria-label", [text(label), part].filter(Boolean).join(" — "));
      }
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
    nameTableCells(document);
    nameDateTimes(document);
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
