// Translate the rich-text editor's toolbar and block menu. django-prose-editor writes their labels in
// English with no translation hook (its dialogs do go through window.gettext and the admin's catalogue),
// so the labels are looked up in our JavaScript catalogue (locale/*/LC_MESSAGES/djangojs.po) once drawn.
(function () {
  "use strict";

  const gettext = window.gettext || ((text) => text);
  const gettext_noop = (text) => text;
  // The labels the editor draws, named here so that makemessages keeps them in djangojs.po.
  const LABELS = [
    gettext_noop("bold"), gettext_noop("italic"), gettext_noop("unordered list"), gettext_noop("ordered list"),
    gettext_noop("blockquote"), gettext_noop("insert link"), gettext_noop("remove link"), gettext_noop("paragraph"),
    gettext_noop("undo"), gettext_noop("redo"), gettext_noop("Paragraph"),
  ];
  const interpolate = window.interpolate || ((format, values) => format.replace("%s", values[0]));

  function label(text) {
    const heading = /^heading (\d)$/i.exec(text);
    if (heading) {
      const format = text[0] === "H" ? gettext("Heading %s") : gettext("heading %s");
      return interpolate(format, [heading[1]]);
    }
    return gettext(text);
  }

  function translate(root) {
    for (const button of root.querySelectorAll(".prose-menubar button[title]:not([data-l10n])")) {
      const translated = label(button.getAttribute("title"));
      button.title = translated;
      if (button.hasAttribute("aria-label")) {
        button.setAttribute("aria-label", translated);
      }
      button.dataset.l10n = "done";
    }
    for (const option of root.querySelectorAll(".prose-menubar *:not([data-l10n])")) {
      if (option.children.length === 0 && /^(Paragraph|Heading \d)$/.test(option.textContent)) {
        option.textContent = label(option.textContent);
        option.dataset.l10n = "done";
      }
    }
  }

  const observer = new MutationObserver(() => translate(document));
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => translate(document));
})();
