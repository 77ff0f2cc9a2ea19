// Search page and listings, progressive enhancement of a plain GET form ([data-live-search]):
// - ticking a facet or changing the sort applies it at once (no trip to the "Appliquer"
//   button): the results region is fetched and replaced, the URL updated (shareable, Back
//   works), the focus stays on the control just used and a live region says what changed
//   ("12 résultats pour « … »");
// - submitting (button, Enter) does the same and moves the focus to the result count;
// - on wide screens the facets disclosure is open.
// Without JavaScript the form submits as usual and the server renders the same page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) return;

  var REGION = "[data-search-region]";
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 64em)") : null;
  var announcer = document.getElementById(form.getAttribute("data-announcer") || "annonce-recherche");

  function openOnWideScreens() {
    if (!WIDE || !WIDE.matches) return;
    var disclosures = form.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < disclosures.length; i++) disclosures[i].open = true;
  }

  function queryOf() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (value, name) {
      if (name !== "page" && value !== "") params.append(name, value);
    });
    return params.toString();
  }

  var requestNumber = 0;

  function update(url, focusId, push) {
    var number = ++requestNumber;
    var region = form.querySelector(REGION);
    if (region) region.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (number !== requestNumber) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(REGION);
        var current = form.querySelector(REGION);
        if (!fresh || !current) { window.location.assign(url); return; }
        var wasOpen = {};
        var details = current.querySelectorAll("details[id]");
        for (var i = 0; i < details.length; i++) wasOpen[details[i].id] = details[i].open;
        current.replaceWith(fresh);
        for (var id in wasOpen) {
          var again = document.getElementById(id);
          if (again) again.open = wasOpen[id];
        }
        openOnWideScreens();
        if (doc.title) document.title = doc.title;
        var heading = document.querySelector("h1");
        var freshHeading = doc.querySelector("h1");
        if (heading && freshHeading) heading.textContent = freshHeading.textContent;
        if (push) window.history.pushState({ live: true }, "", url);
        var count = fresh.querySelector("[data-announce]");
        if (announcer) {
          announcer.textContent = "";
          // A short delay so that screen readers notice the new text.
          setTimeout(function () {
            announcer.textContent = count ? count.getAttribute("data-announce") : "";
          }, 50);
        }
        var target = focusId ? document.getElementById(focusId) : count;
        if (!target) target = count;
        if (target) target.focus();
      })
      .catch(function () { window.location.assign(url); });
  }

  function urlFor() {
    var query = queryOf();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  form.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.matches("input[type=checkbox], select")) return;
    update(urlFor(), control.id, true);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(urlFor(), null, true);
  });

  window.addEventListener("popstate", function () {
    // Back and Forward: the query box is outside the replaced region, follow the URL.
    var q = form.querySelector("input[name=q]");
    if (q) q.value = new URLSearchParams(window.location.search).get("q") || "";
    update(window.location.href, null, false);
  });

  openOnWideScreens();
})();
