/* The search page's filters on a phone: folded behind one control that tells how many filters
   are active, so the results come first; on a wide screen always open, as beside the results.
   Apart from search.js, which builds the filters inside and knows nothing of the folding. */
(function () {
  "use strict";
  var box = document.getElementById("search-filters");
  if (!box) return;
  var facets = document.getElementById("search-facets");
  var badge = document.getElementById("search-filter-count");
  var wide = window.matchMedia("(min-width: 50rem)");
  var NAMES = ["from", "to", "speaker", "country", "resolution", "type", "topic"];

  function active() {
    var selects = facets.querySelectorAll("select");
    if (selects.length) {
      return Array.prototype.filter.call(selects, function (s) {
        return s.value !== "";
      }).length;
    }
    // Filters not loaded yet (a large archive loads them on demand): the address has them.
    var params = new URLSearchParams(window.location.search);
    return NAMES.filter(function (name) {
      return params.get(name);
    }).length;
  }

  function showCount() {
    var n = active();
    var text = n ? n + " active" : "none active";
    if (badge.textContent !== text) badge.textContent = text;
  }

  function fit() {
    // Wide: open, and the control hidden by the style sheet. Narrow: folded until asked for.
    box.open = wide.matches;
  }

  fit();
  showCount();
  if (wide.addEventListener) wide.addEventListener("change", fit);
  facets.addEventListener("change", showCount);
  window.addEventListener("popstate", showCount);
  new MutationObserver(showCount).observe(facets, { childList: true, subtree: true });
})();
