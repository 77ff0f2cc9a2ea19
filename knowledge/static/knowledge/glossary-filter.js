// Quick filter of the glossary A–Z: shows the terms whose acronym or name contains what is
// typed, accents and case aside. Without JavaScript the filter stays hidden and the letter links
// do the job.
(function () {
  "use strict";
  var box = document.querySelector("[data-glossary-filter]");
  if (!box) return;
  var input = box.querySelector("input");
  var count = box.querySelector("[role=status]");
  var entries = document.querySelectorAll("[data-filter-text]");
  var letters = document.querySelectorAll(".glossary-letter");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2019\u02bc]/g, "'").toLowerCase();
  }
  function apply() {
    var query = fold(input.value.trim());
    var shown = 0;
    Array.prototype.forEach.call(entries, function (entry) {
      var match = !query || entry.getAttribute("data-filter-text").indexOf(query) !== -1;
      entry.hidden = !match;
      if (match) shown += 1;
    });
    Array.prototype.forEach.call(letters, function (letter) {
      letter.hidden = !letter.querySelector("[data-filter-text]:not([hidden])");
    });
    if (!query) {
      count.textContent = "";
    } else if (shown === 0) {
      count.textContent = box.getAttribute("data-count-none");
    } else if (shown === 1) {
      count.textContent = box.getAttribute("data-count-one");
    } else {
      count.textContent = box.getAttribute("data-count-many").replace("%s", shown);
    }
  }
  box.hidden = false;
  input.addEventListener("input", apply);
})();
