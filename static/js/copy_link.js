// Journalist links: copy a new link to the clipboard and say so to screen readers too.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-link");
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  const status = document.querySelector(".copy-status");
  const done = () => {
    if (status) {
      status.textContent = `${button.dataset.copied}: ${field.value}`;
    }
  };
  field.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, () => {
      document.execCommand("copy");
      done();
    });
  } else {
    document.execCommand("copy");
    done();
  }
});
