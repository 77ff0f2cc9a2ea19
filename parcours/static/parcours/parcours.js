/* Parcours: progress kept in this browser only (localStorage), never sent to the server.
 *
 * - On a step page (nav[data-parcours-id][data-parcours-current]): the step is marked as seen
 *   and the progress line is shown.
 * - On the parcours page (article[data-parcours-id]): seen steps are marked, the "resume" link
 *   points at the first unseen step, the reset button clears the progress, and « Ce qui a
 *   changé » shows the notes published since the reader's previous visit.
 * Without JavaScript (or storage), the server-rendered page works as is.
 * Every visible sentence comes from the page (data-template-* attributes, translated there).
 */
(function () {
  "use strict";

  var PREFIX = "boussole.parcours.";

  function storage(kind) {
    try {
      var store = window[kind];
      var probe = PREFIX + "probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null; // disabled, full or private mode: the page stays as the server sent it
    }
  }

  var local = storage("localStorage");
  var session = storage("sessionStorage");
  if (!local) {
    return;
  }

  function load(parcoursId) {
    var data = null;
    try {
      data = JSON.parse(local.getItem(PREFIX + parcoursId) || "{}");
    } catch (error) {
      data = null;
    }
    if (!data || typeof data !== "object") {
      data = {};
    }
    if (!Array.isArray(data.seen)) {
      data.seen = [];
    }
    return data;
  }

  function save(parcoursId, data) {
    try {
      local.setItem(PREFIX + parcoursId, JSON.stringify(data));
    } catch (error) {
      /* storage full: progress is simply not kept */
    }
  }

  function markSeen(parcoursId, stepId) {
    var data = load(parcoursId);
    stepId = String(stepId);
    if (data.seen.indexOf(stepId) === -1) {
      data.seen.push(stepId);
      save(parcoursId, data);
    }
    return data;
  }

  function showProgress(element, seenCount) {
    if (!element) {
      return;
    }
    var template;
    if (seenCount === 0) {
      template = element.getAttribute("data-template-none");
    } else if (seenCount === 1) {
      template = element.getAttribute("data-template-one");
    } else {
      template = element.getAttribute("data-template-many");
    }
    element.textContent = (template || "").replace("{seen}", String(seenCount));
    element.hidden = false;
  }

  function countSeen(data, stepIds) {
    return stepIds.filter(function (id) {
      return data.seen.indexOf(id) !== -1;
    }).length;
  }

  function formatDate(date) {
    return date.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
  }

  // -- a step page -----------------------------------------------------------------------------

  function initStepNavigation(nav) {
    var parcoursId = nav.getAttribute("data-parcours-id");
    var stepIds = (nav.getAttribute("data-parcours-steps") || "").split(" ").filter(Boolean);
    var data = markSeen(parcoursId, nav.getAttribute("data-parcours-current"));
    showProgress(nav.querySelector("[data-parcours-progress]"), countSeen(data, stepIds));
  }

  // -- the parcours page -----------------------------------------------------------------------

  function renderParcours(article, parcoursId) {
    var data = load(parcoursId);
    var items = Array.prototype.slice.call(article.querySelectorAll("[data-parcours-step]"));
    var stepIds = items.map(function (item) {
      return item.getAttribute("data-parcours-step");
    });
    var firstUnseen = null;
    items.forEach(function (item) {
      var seen = data.seen.indexOf(item.getAttribute("data-parcours-step")) !== -1;
      item.classList.toggle("parcours-step--seen", seen);
      var mark = item.querySelector("[data-parcours-seen]");
      if (mark) {
        mark.hidden = !seen;
      }
      if (!seen && firstUnseen === null) {
        firstUnseen = item;
      }
    });
    var seenCount = countSeen(data, stepIds);
    showProgress(article.querySelector("[data-parcours-progress]"), seenCount);

    var resume = article.querySelector("[data-parcours-resume]");
    if (resume && seenCount > 0 && items.length) {
      var target = firstUnseen || items[0];
      var template = firstUnseen
        ? resume.getAttribute("data-template-resume")
        : resume.getAttribute("data-template-done");
      resume.href = target.getAttribute("data-step-url");
      resume.setAttribute("data-parcours-step-link", target.getAttribute("data-parcours-step"));
      resume.textContent = (template || "")
        .replace("{number}", target.getAttribute("data-step-number"))
        .replace("{title}", target.getAttribute("data-step-title"));
    }
    var reset = article.querySelector("[data-parcours-reset]");
    if (reset) {
      reset.hidden = seenCount === 0;
    }
  }

  function initUpdates(article, parcoursId) {
    var section = article.querySelector("[data-parcours-updates]");
    if (!section) {
      return;
    }
    var data = load(parcoursId);
    var sinceKey = PREFIX + parcoursId + ".since";
    // The previous visit, fixed for this browsing session: reloading the page within the
    // session still shows what changed since the visit before.
    var since = session ? session.getItem(sinceKey) : null;
    if (since === null) {
      since = data.lastVisit || "";
      if (session) {
        session.setItem(sinceKey, since);
      }
    }
    data.lastVisit = new Date().toISOString();
    save(parcoursId, data);
    var sinceDate = since ? new Date(since) : null;
    if (!sinceDate || isNaN(sinceDate.getTime())) {
      return; // first visit: the server's recent notes stay as they are
    }
    var shown = 0;
    section.querySelectorAll("[data-published]").forEach(function (item) {
      var published = new Date(item.getAttribute("data-published"));
      var isNew = !isNaN(published.getTime()) && published > sinceDate;
      item.hidden = !isNew;
      if (isNew) {
        shown += 1;
      }
    });
    var scope = section.querySelector("[data-parcours-updates-scope]");
    if (scope) {
      scope.textContent = (scope.getAttribute("data-template-since") || "").replace(
        "{date}",
        formatDate(sinceDate)
      );
    }
    var empty = section.querySelector("[data-parcours-updates-empty]");
    if (empty) {
      empty.hidden = shown > 0;
    }
  }

  function initParcours(article) {
    var parcoursId = article.getAttribute("data-parcours-id");
    renderParcours(article, parcoursId);
    initUpdates(article, parcoursId);
    // Following a step's link counts it as seen (a glossary term has no step navigation).
    article.addEventListener("click", function (event) {
      var link = event.target.closest("[data-parcours-step-link]");
      if (link) {
        markSeen(parcoursId, link.getAttribute("data-parcours-step-link"));
      }
    });
    var reset = article.querySelector("[data-parcours-reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        var data = load(parcoursId);
        data.seen = [];
        save(parcoursId, data);
        renderParcours(article, parcoursId);
        var progress = article.querySelector("[data-parcours-progress]");
        if (progress) {
          progress.focus();
        }
      });
    }
  }

  document.querySelectorAll("nav[data-parcours-current]").forEach(initStepNavigation);
  document.querySelectorAll("article[data-parcours-id]").forEach(initParcours);
})();
