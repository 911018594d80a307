// Progressive enhancement only: a click on a paragraph number also copies that
// paragraph's full link, so a reader can cite one paragraph. Pages work without it.
(function () {
  "use strict";
  function canonicalBase() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : window.location.href.split("#")[0];
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var anchor = target.closest("a.para-link");
    if (!anchor || !navigator.clipboard) return;
    var url = canonicalBase() + anchor.getAttribute("href");
    navigator.clipboard.writeText(url).then(function () {
      var old = anchor.parentNode.querySelector(".copied");
      if (old) old.remove();
      var note = document.createElement("span");
      note.className = "copied";
      note.setAttribute("role", "status");
      note.textContent = "Link copied";
      anchor.after(note);
      setTimeout(function () { note.remove(); }, 2000);
    }, function () {});
  });
})();
