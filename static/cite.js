// A statement page's downloads (BibTeX, RIS, CSL-JSON and the statement's data), made here from
// what the page embeds (script#citation-data, script#statement-data and its paragraphs) rather
// than files beside the page: the site stays within the file counts static hosts allow, and
// Blob URLs download from file:// as well as over http.
(function () {
  "use strict";

  function embedded(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  /** The page's paragraphs as the build has them: each <p id="pN"> less its number link. */
  function paragraphs() {
    var out = [];
    for (var n = 1; ; n++) {
      var p = document.getElementById("p" + n);
      if (!p) return out;
      var text = "";
      p.childNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.classList.contains("para-link")) return;
        text += node.textContent;
      });
      out.push(text.replace(/^ /, ""));
    }
  }

  /** A piece of a version's text (archive/exports.py's text_pieces): a string, a paragraph's
   * number, or [number, [[gap, whitespace], ...]]: the paragraph with other whitespace than
   * one space after the words numbered `gap`. */
  function pieceText(paragraphs_) {
    return function (piece) {
      if (typeof piece === "string") return piece;
      if (typeof piece === "number") return paragraphs_[piece];
      var spaces = new Map(piece[1]);
      var words = paragraphs_[piece[0]].split(" ");
      return words
        .map(function (word, i) {
          if (!i) return word;
          return (spaces.has(i - 1) ? spaces.get(i - 1) : " ") + word;
        })
        .join("");
    };
  }

  /** The statement's data as the archive's data files have it, plus its own fields: the
   * paragraphs from the page, and each version's text (pieces: strings and numbers of
   * paragraphs, in order). */
  function statementDocument(data) {
    var document_ = {};
    Object.keys(data).forEach(function (name) {
      if (name !== "notes" && name !== "versions") document_[name] = data[name];
    });
    var text = paragraphs();
    document_.paragraphs = text;
    document_.notes = data.notes;
    document_.versions = data.versions.map(function (version) {
      var whole = version.pieces ? version.pieces.map(pieceText(text)).join("") : version.text;
      return {
        number: version.number,
        retrieved: version.retrieved,
        sha256: version.sha256,
        text: whole,
      };
    });
    return document_;
  }

  function texts() {
    var cite = embedded("citation-data");
    var data = embedded("statement-data");
    var out = {};
    if (cite) {
      out["cite.bib"] = cite.files["cite.bib"];
      out["cite.ris"] = cite.files["cite.ris"];
      out["cite.json"] = JSON.stringify(cite.csl, null, 2) + "\n";
    }
    if (data) out["statement.json"] = JSON.stringify(statementDocument(data), null, 2) + "\n";
    return out;
  }

  function enable() {
    var links = document.querySelectorAll("a.cite-download[data-name]");
    if (!links.length || typeof Blob === "undefined" || !window.URL) return;
    var made = texts();
    links.forEach(function (link) {
      var text = made[link.dataset.name];
      if (text === undefined) return;
      var blob = new Blob([text], { type: link.dataset.type + ";charset=utf-8" });
      link.href = URL.createObjectURL(blob);
      link.download = link.dataset.filename;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enable);
  else enable();
})();
