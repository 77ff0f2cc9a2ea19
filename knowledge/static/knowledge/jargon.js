// Glossary definitions (knowledge/jargon.py) are shown by CSS on hover and focus; this only lets
// Escape hide the one on screen without moving the pointer or the focus (WCAG 1.4.13).
(function () {
  "use strict";
  function dismiss(jargon) {
    jargon.classList.add("jargon--dismissed");
    function reset() {
      jargon.classList.remove("jargon--dismissed");
      jargon.removeEventListener("mouseleave", reset);
      jargon.removeEventListener("focusout", reset);
    }
    jargon.addEventListener("mouseleave", reset);
    jargon.addEventListener("focusout", reset);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var shown = document.querySelectorAll(".jargon:hover, .jargon:focus-within");
    Array.prototype.forEach.call(shown, dismiss);
  });
})();
