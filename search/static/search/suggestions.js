// Progressive enhancement: fill the search box's <datalist> from /recherche/suggestions/.
(function () {
  var input = document.querySelector("input[data-suggestions-url]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { list.innerHTML = ""; return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggestionsUrl + "?q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.innerHTML = "";
          data.suggestions.forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.label;
            option.label = s.type_label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
