// Progressive enhancement only: a click on a paragraph number also copies a citation of that
// paragraph (with its link), and a link to #pN shows that citation. Pages work without it.
(function () {
  "use strict";
  function canonicalBase() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : window.location.href.split("#")[0];
  }
  // The build formats every part (data-cite-* on .citation-text); this only names the paragraph.
  function paragraphCitation(number) {
    var url = canonicalBase() + "#p" + number;
    var cite = document.querySelector(".citation-text[data-cite-head]");
    if (!cite) return url;
    return cite.dataset.citeHead + ", para. " + number + ". " + cite.dataset.citeArchive + " " + url;
  }
  function showParagraphCitation() {
    var match = /^#p(\d+)$/.exec(window.location.hash);
    var cite = document.querySelector(".citation-text[data-cite-head]");
    if (!cite) return;
    var heading = document.getElementById("cite-heading");
    if (!cite.dataset.citeWhole) cite.dataset.citeWhole = cite.textContent;
    if (heading && !heading.dataset.whole) heading.dataset.whole = heading.textContent;
    var paragraph = match && document.getElementById("p" + match[1]) ? match[1] : null;
    cite.textContent = paragraph ? paragraphCitation(paragraph) : cite.dataset.citeWhole;
    if (heading) heading.textContent = paragraph ? "Cite paragraph " + paragraph : heading.dataset.whole;
  }
  window.addEventListener("hashchange", showParagraphCitation);
  document.addEventListener("DOMContentLoaded", showParagraphCitation);
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var anchor = target.closest("a.para-link");
    if (!anchor || !navigator.clipboard) return;
    var number = anchor.getAttribute("href").slice(2);
    navigator.clipboard.writeText(paragraphCitation(number)).then(function () {
      var old = anchor.parentNode.querySelector(".copied");
      if (old) old.remove();
      var note = document.createElement("span");
      note.className = "copied";
      note.setAttribute("role", "status");
      note.textContent = "Citation of para. " + number + " copied";
      anchor.after(note);
      setTimeout(function () { note.remove(); }, 2000);
    }, function () {});
  });
})();
