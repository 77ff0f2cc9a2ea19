/* Printing: the print date on the source line, and the absolute address of every link in the
   content (a.href is the resolved URL; CSS alone can only print the attribute as written).
   Without JavaScript the printout keeps the relative paths and the server-rendered source line. */
(function () {
  "use strict";
  var months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];

  function frenchDate(d) {
    return (d.getDate() === 1 ? "1er" : String(d.getDate())) + " " + months[d.getMonth()] + " " +
      d.getFullYear();
  }

  function isoDate(d) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function stampDate() {
    var now = new Date();
    document.querySelectorAll("[data-print-date]").forEach(function (holder) {
      var slot = holder.querySelector(".print-source__today");
      var time = slot.querySelector("time") || slot.appendChild(document.createElement("time"));
      time.textContent = frenchDate(now);
      time.setAttribute("datetime", isoDate(now));
      holder.hidden = false;
    });
  }

  function absoluteLinks() {
    document.querySelectorAll("main a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^(mailto|tel|javascript):/i.test(href)) { return; }
      link.setAttribute("data-print-url", link.href);
    });
  }

  function prepare() { stampDate(); absoluteLinks(); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
  window.addEventListener("beforeprint", prepare);
}());
