// On the press release form: when an issuing organisation is chosen, offer the press contacts of that
// organisation's latest release (PressReleaseAdmin.contacts_of_issuer_view), and add them on request.
// The words come translated from the server; nothing is added without the button.
(function () {
  "use strict";

  const FIELDS = ["name", "email", "phone", "handle", "position"];

  function rows(group) {
    return Array.from(group.querySelectorAll(".inline-related:not(.empty-form)"));
  }

  function isBlank(row) {
    const id = row.querySelector("input[name$='-id']");
    const organisation = row.querySelector("select[name$='-organisation']");
    const typed = ["name", "email", "phone", "handle"].some((name) => {
      const input = row.querySelector(`[name$='-${name}']`);
      return input && input.value.trim() !== "";
    });
    return !(id && id.value) && !(organisation && organisation.value) && !typed;
  }

  function known(group, contact) {
    return rows(group).some((row) => {
      const email = row.querySelector("[name$='-email']");
      const phone = row.querySelector("[name$='-phone']");
      return (contact.email && email && email.value.trim() === contact.email) ||
        (!contact.email && contact.phone && phone && phone.value.trim() === contact.phone);
    });
  }

  function addContact(group, $, contact) {
    let row = rows(group).find(isBlank);
    if (!row) {
      group.querySelector(".add-row a").click();
      const all = rows(group);
      row = all[all.length - 1];
    }
    for (const name of FIELDS) {
      const input = row.querySelector(`[name$='-${name}']`);
      if (input && contact[name] !== null && contact[name] !== undefined) {
        input.value = contact[name];
      }
    }
    const select = row.querySelector("select[name$='-organisation']");
    if (select && contact.organisation) {
      select.append(new Option(contact.organisation_text, contact.organisation, true, true));
      $(select).trigger("change");
    }
  }

  function start() {
    const offer = document.getElementById("contacts-offer");
    const status = document.getElementById("contacts-offer-status");
    const group = document.getElementById("contacts-group");
    if (!offer || !status || !group || !window.django || !window.django.jQuery) {
      return;
    }
    const $ = window.django.jQuery;
    const heading = group.querySelector(".inline-heading") || group.querySelector("h2");
    (heading || group.firstElementChild).after(offer, status);
    const asked = new Set();
    const button = offer.querySelector("button");
    let pending = [];
    let done = "";
    button.addEventListener("click", () => {
      pending.forEach((contact) => addContact(group, $, contact));
      offer.hidden = true;
      status.textContent = done;
    });
    // Select2 reports the editor's choice as a jQuery event, which a plain event listener does not see; "change"
    // would also fire on load (Django's related-object links trigger it on every chooser).
    $(document).on("select2:select", "select[name^='issuers-'][name$='-organisation']", async function () {
      const organisation = this.value;
      if (!organisation || asked.has(organisation)) {
        return;
      }
      asked.add(organisation);
      const url = new URL(offer.dataset.url, window.location.href);
      url.searchParams.set("organisation", organisation);
      if (offer.dataset.release) {
        url.searchParams.set("release", offer.dataset.release);
      }
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) {
        return;
      }
      const data = await response.json();
      pending = data.contacts.filter((contact) => !known(group, contact));
      if (!pending.length) {
        return;
      }
      done = data.done;
      offer.querySelector(".contacts-offer__text").textContent = data.offer;
      button.textContent = data.button;
      offer.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
