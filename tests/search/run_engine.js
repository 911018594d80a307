// Runs the search page's engine (static/search/search.js) and lunr.js's own Index over the same
// documents, in node, for the ranking tests: node run_engine.js INDEX_DIR LUNR_INDEX QUERIES
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [indexDir, lunrIndexPath, queriesPath] = process.argv.slice(2);
const repo = path.resolve(__dirname, "..", "..");
global.lunr = require(path.join(repo, "node_modules", "lunr", "lunr.js"));
vm.runInThisContext(fs.readFileSync(path.join(repo, "static", "search", "search.js"), "utf8"));
const search = global.ArchiveSearch;
search.loadScript = (url) => {
  vm.runInThisContext(fs.readFileSync(url, "utf8"));
};

const reference = lunr.Index.load(JSON.parse(fs.readFileSync(lunrIndexPath, "utf8")));
const queries = JSON.parse(fs.readFileSync(queriesPath, "utf8"));

(async () => {
  const engine = await search.createEngine(indexDir.endsWith("/") ? indexDir : indexDir + "/");
  const out = {};
  for (const q of queries) {
    const mine = await engine.search(q);
    let theirs;
    try {
      theirs = reference.search(q).map((r) => [Number(r.ref), r.score]);
    } catch (error) {
      theirs = String(error.message);
    }
    out[q] = { engine: mine.results.map((r) => [r.ref, r.score]), lunr: theirs, terms: mine.terms };
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
