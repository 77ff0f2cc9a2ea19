// Search suggestions for every search box with data-suggestions-url (the header's, the search
// page's): the WAI-ARIA 1.2 combobox pattern with a listbox popup. Progressive enhancement:
// without JavaScript the box is a plain search field and the form still searches.
// Keyboard: ArrowDown/ArrowUp move through the suggestions, Enter opens the selected one (or
// searches when none is selected), Escape closes the list (then clears the box); a tap or a
// click opens a suggestion.
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) return;

  var DELAY = 150;
  var MIN_CHARS = 2;

  function setup(input, index) {
    var url = input.getAttribute("data-suggestions-url");
    var listId = input.id + "-suggestions";
    var wrapper = input.parentNode;

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "combobox__listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggestions-label") || "Suggestions");
    list.hidden = true;
    wrapper.appendChild(list);

    // Says how many suggestions came, for screen readers that don't announce the popup.
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = null;
    var active = -1;
    var items = [];
    var lastQuery = "";
    var requestNumber = 0;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function select(position) {
      var all = options();
      if (!all.length) return;
      if (position < 0) position = all.length - 1;
      if (position >= all.length) position = 0;
      for (var i = 0; i < all.length; i++) {
        all[i].setAttribute("aria-selected", i === position ? "true" : "false");
      }
      active = position;
      input.setAttribute("aria-activedescendant", all[position].id);
      all[position].scrollIntoView({ block: "nearest" });
    }

    function go(position) {
      var item = items[position];
      if (item && item.url) window.location.assign(item.url);
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      suggestions.forEach(function (s, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.className = "combobox__label";
        label.textContent = s.label;
        var type = document.createElement("span");
        type.className = "combobox__type";
        type.textContent = s.type_label;
        option.appendChild(label);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(type);
        // Keep the focus in the box while pressing (mouse and touch), then follow the choice.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(i); });
        list.appendChild(option);
      });
      if (suggestions.length) {
        open();
        status.textContent = suggestions.length === 1
          ? "1 suggestion, flèches haut et bas pour choisir"
          : suggestions.length + " suggestions, flèches haut et bas pour choisir";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery && items.length) { open(); return; }
      lastQuery = q;
      if (q.length < MIN_CHARS) { render([]); return; }
      var number = ++requestNumber;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          // An answer to an older query must not replace a newer one.
          if (number === requestNumber) render(data.suggestions || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) { open(); if (list.hidden) return; }
          select(active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) { open(); if (list.hidden) return; }
          select(active - 1);
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = "";
            items = [];
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      // Later than a click on an option, which keeps the focus anyway (mousedown above).
      setTimeout(close, 150);
    });
    input.addEventListener("focus", function () {
      if (items.length && input.value.trim() === lastQuery) open();
    });
  }

  var inputs = document.querySelectorAll("input[data-suggestions-url]");
  for (var i = 0; i < inputs.length; i++) setup(inputs[i], i);
})();
