/* The archive's search: lunr.js parses and scores a query against only the index shards the
 * query needs (see archive/search_index.py for the file layout), and the page shows results,
 * filters and snippets. Index files are <script>s that call ArchiveSearch.load(), so the
 * search also works from file://. Every piece of statement text reaches the page as a DOM
 * text node, never as HTML.
 */
(function (global) {
  "use strict";

  var lunr = global.lunr;
  var PAGE_SIZE = 10;
  var FACETS = ["speaker", "country", "resolution", "type", "topic"];
  var FACET_LABELS = {
    speaker: "Speaker",
    country: "Country",
    resolution: "Resolution",
    type: "Type",
    topic: "Topic",
  };

  // ------------------------------------------------------------------------------------------
  // Loading index files: one promise per file, resolved when its script calls load().

  var waiting = Object.create(null);
  var loaded = Object.create(null);

  function key(kind, name) {
    return kind + ":" + name;
  }

  var ArchiveSearch = {
    /** Called by every index file with its content. */
    load: function (kind, name, data) {
      var k = key(kind, name);
      loaded[k] = data;
      if (waiting[k]) waiting[k].resolve(data);
    },
    /** How a file is fetched; node tests replace it with a synchronous file read. */
    loadScript: function (url) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.async = true;
        script.onload = function () {
          script.remove();
          resolve();
        };
        script.onerror = function () {
          script.remove();
          reject(new Error("could not load " + url));
        };
        document.head.appendChild(script);
      });
    },
  };

  function fetchIndexFile(base, kind, name, path) {
    var k = key(kind, name);
    if (k in loaded) return Promise.resolve(loaded[k]);
    if (!waiting[k]) {
      var entry = {};
      entry.promise = new Promise(function (resolve, reject) {
        entry.resolve = resolve;
        entry.reject = reject;
      });
      waiting[k] = entry;
      Promise.resolve(ArchiveSearch.loadScript(base + path)).then(
        function () {
          if (k in loaded) entry.resolve(loaded[k]);
          else entry.reject(new Error("index file " + path + " did not register"));
        },
        function (error) {
          delete waiting[k];
          entry.reject(error);
        }
      );
    }
    return waiting[k].promise;
  }

  // ------------------------------------------------------------------------------------------
  // Text processing shared with the build: lunr.py's trimmer keeps a token whole unless it is
  // word characters wrapped in non-word ones (it uses Unicode \w, lunr.js uses ASCII \W).

  var TRIM = /^[^\p{L}\p{N}_]*?([\p{L}\p{N}_]+)[^\p{L}\p{N}_]*?$/u;
  var SEPARATOR = /[ \t\n\r\f\v\u00a0-]+/;
  var RESOLUTION_WITH_YEAR = /(s\/res\/\d+)\s*\(\d{4}\)/gi;
  var stemCache = new Map();
  // Spelling variants -> the form the index holds (archive/search_variants.txt, from the
  // manifest): "denuclearisation" finds "denuclearization". A Map, so no word is a property.
  var variantTable = new Map();

  function setVariants(table) {
    variantTable = new Map(Object.entries(table || {}));
    stemCache.clear();
  }

  function canonical(word) {
    var form = variantTable.get(word);
    return form === undefined ? word : form;
  }

  function variantsFunction(token) {
    return token.update(canonical);
  }
  if (lunr) lunr.Pipeline.registerFunction(variantsFunction, "archiveVariants");

  /** A word as the index holds it, or null for a stop word. */
  function indexTerm(word) {
    var cached = stemCache.get(word);
    if (cached !== undefined) return cached;
    var match = TRIM.exec(word);
    var trimmed = canonical(match ? match[1] : word);
    var term = null;
    if (lunr.stopWordFilter(new lunr.Token(trimmed))) {
      term = lunr.stemmer(new lunr.Token(trimmed)).toString();
    }
    stemCache.set(word, term);
    return term;
  }

  function searchPipeline() {
    var pipeline = new lunr.Pipeline();
    pipeline.add(variantsFunction);
    pipeline.add(lunr.stemmer);
    return pipeline;
  }

  // ------------------------------------------------------------------------------------------
  // The engine: parse, load what the query needs, let lunr.js score it.

  function Engine(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.fields = manifest.fields;
    setVariants(manifest.variants);
    this.equivalents = new Map(Object.entries(manifest.equivalents || {}));
    this.pipeline = searchPipeline();
  }

  /** The last range start <= value: the shard that holds `value`. */
  function shardOf(starts, value, compare) {
    var lo = 0,
      hi = starts.length - 1,
      found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compare(starts[mid], value) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function QuerySyntaxError(message) {
    this.message = message;
  }

  /** The query as lunr clauses, plus its "exact phrases" as lists of index terms. */
  Engine.prototype.parse = function (text) {
    var phrases = [];
    // A resolution cited with its year, "S/RES/2397 (2017)", means the resolution: the year
    // alone would also find every statement that mentions 2017.
    text = text.replace(RESOLUTION_WITH_YEAR, "$1");
    var rest = text.replace(/"([^"]*)"?/g, function (_, phrase) {
      var terms = [];
      phrase.split(SEPARATOR).forEach(function (word) {
        if (!word) return;
        var term = indexTerm(word.toLowerCase());
        if (term) terms.push(term);
      });
      if (terms.length) phrases.push(terms);
      return " ";
    });
    var query = new lunr.Query(this.fields);
    try {
      new lunr.QueryParser(rest, query).parse();
    } catch (error) {
      if (error instanceof lunr.QueryParseError) throw new QuerySyntaxError(error.message);
      throw error;
    }
    phrases.forEach(function (terms) {
      terms.forEach(function (term) {
        query.term(term, {
          presence: lunr.Query.presence.REQUIRED,
          usePipeline: false,
        });
      });
    });
    return { query: query, phrases: phrases };
  };

  Engine.prototype.termShard = function (term) {
    return shardOf(this.manifest.terms, term, compareStrings);
  };

  Engine.prototype.loadTermShards = function (numbers) {
    var self = this;
    return Promise.all(
      numbers.map(function (n) {
        return fetchIndexFile(self.base, "t", n, "t/" + n + ".js");
      })
    );
  };

  /** Every (clause, term) pair lunr will look up: the pipeline's output for each clause. */
  Engine.prototype.clauseTerms = function (query) {
    var self = this;
    var pairs = [];
    query.clauses.forEach(function (clause) {
      var terms = clause.usePipeline
        ? self.pipeline.runString(clause.term, { fields: clause.fields })
        : [clause.term];
      terms.forEach(function (term) {
        pairs.push({ clause: clause, term: term });
      });
    });
    return pairs;
  };

  /** Terms of the index that may match a wildcard or fuzzy term, found in the term lists. */
  Engine.prototype.lexiconCandidates = function (term, editDistance) {
    var self = this;
    var literal = term.replace(/\*/g, "").length;
    var lengths = this.manifest.lengths.filter(function (n) {
      if (editDistance) return Math.abs(n - literal) <= editDistance || term.indexOf("*") >= 0;
      return n >= literal;
    });
    return Promise.all(
      lengths.map(function (n) {
        return fetchIndexFile(self.base, "w", n, "w/" + n + ".js");
      })
    ).then(function (lists) {
      return [].concat.apply([], lists);
    });
  };

  /** Load the shards a query needs; resolves to {term: postings per field}. */
  Engine.prototype.loadPostings = function (pairs) {
    var self = this;
    var shardNumbers = new Set();
    var lexiconTerms = [];
    var pending = [];
    pairs.forEach(function (pair) {
      var term = pair.term,
        clause = pair.clause;
      var star = term.indexOf("*");
      if (star < 0 && !clause.editDistance) {
        shardNumbers.add(self.termShard(term));
      } else if (star > 0 && !clause.editDistance) {
        // All terms with this prefix lie in the shards from the prefix's to its end's.
        var prefix = term.slice(0, star);
        var first = self.termShard(prefix),
          last = self.termShard(prefix + "\uffff");
        for (var n = first; n <= last; n++) shardNumbers.add(n);
      } else {
        pending.push(
          self.lexiconCandidates(term, clause.editDistance).then(function (words) {
            var set = lunr.TokenSet.fromClause(clauseFor(clause, term));
            var found = lunr.TokenSet.fromArray(words.slice().sort()).intersect(set).toArray();
            found.forEach(function (t) {
              lexiconTerms.push(t);
            });
          })
        );
      }
    });
    return Promise.all(pending)
      .then(function () {
        lexiconTerms.forEach(function (t) {
          shardNumbers.add(self.termShard(t));
        });
        return self.loadTermShards(Array.from(shardNumbers));
      })
      .then(function (shards) {
        var postings = Object.create(null);
        shards.forEach(function (shard) {
          // [term, postings, ...]: a list, so that "__proto__" is a term like any other.
          for (var i = 0; i < shard.length; i += 2) postings[shard[i]] = shard[i + 1];
        });
        return postings;
      });
  };

  function cloneClause(clause) {
    var copy = {};
    for (var k in clause) copy[k] = clause[k];
    copy.fields = clause.fields.slice();
    return copy;
  }

  /** The clause as lunr looks up one of its pipeline's terms (fuzzy only if it says so). */
  function clauseFor(clause, term) {
    var copy = cloneClause(clause);
    copy.term = term;
    return copy;
  }

  /**
   * Run a query: resolves to {results: [{ref, score, terms}], terms: [matched index terms]}.
   * Scores and order are lunr.js's own (Index.prototype.query) over a lunr.Index holding just
   * the query's terms: a score only reads the weights of the query's terms.
   */
  Engine.prototype.search = function (text) {
    var self = this;
    var parsed;
    try {
      parsed = this.parse(text);
    } catch (error) {
      return Promise.reject(error);
    }
    var query = parsed.query;
    if (!query.clauses.length) return Promise.resolve({ results: [], terms: [] });
    var pairs = this.clauseTerms(query);
    return this.loadPostings(pairs).then(function (postings) {
      var expansions = self.expand(pairs, postings);
      var results = query.isNegated()
        ? self.negated(pairs, expansions, postings)
        : self.score(query, pairs, expansions, postings);
      // What a snippet shows: the terms the query looks for, never those it excludes, each
      // with the number of statements that hold it (the rarest leads the snippet).
      var rarity = new Map();
      expansions.forEach(function (terms, i) {
        if (pairs[i].clause.presence === lunr.Query.presence.PROHIBITED) return;
        terms.forEach(function (t) {
          rarity.set(t, self.documentCount(postings, t));
        });
      });
      var missing = pairs
        .filter(function (pair, i) {
          var plain = pair.term.indexOf("*") < 0 && !("editDistance" in pair.clause);
          return plain && !expansions[i].length;
        })
        .map(function (pair) {
          return pair.term;
        });
      return self.filterPhrases(parsed.phrases, results).then(function (kept) {
        return {
          results: kept,
          terms: Array.from(rarity.keys()),
          rarity: rarity,
          missing: missing,
          excludes: query.clauses.some(function (c) {
            return c.presence === lunr.Query.presence.PROHIBITED;
          }),
          negated: query.isNegated(),
        };
      });
    });
  };

  /** How many statements hold a term, in any field. */
  Engine.prototype.documentCount = function (postings, term) {
    var self = this;
    var docs = new Set();
    this.fields.forEach(function (_, f) {
      self.decoded(postings, term, f).docs.forEach(function (d) {
        docs.add(d);
      });
    });
    return docs.size;
  };

  /** The index's term nearest to one it lacks (edit distance 1 or 2), for "did you mean". */
  Engine.prototype.suggest = function (term) {
    if (term.length < 3) return Promise.resolve(null);
    return this.lexiconCandidates(term, 2).then(function (words) {
      var best = null;
      words.forEach(function (word) {
        var d = editDistance(term, word, 2);
        if (d > 0 && d <= 2 && (!best || d < best.d || (d === best.d && word < best.word))) {
          best = { word: word, d: d };
        }
      });
      return best ? best.word : null;
    });
  };

  /** Levenshtein distance, or limit + 1 once it exceeds `limit`. */
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var smallest = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        current.push(Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost));
        smallest = Math.min(smallest, current[k]);
      }
      if (smallest > limit) return limit + 1;
      previous = current;
    }
    return previous[b.length];
  }

  /**
   * The index terms each (clause, term) pair expands to, as lunr.Index.query expands them:
   * a TokenSet of the candidate terms intersected with the clause's. A plain term expands to
   * itself when the index has it, so it needs no TokenSet.
   */
  Engine.prototype.expand = function (pairs, postings) {
    var tokenSet = null;
    return pairs.map(function (pair) {
      var plain = pair.term.indexOf("*") < 0 && !("editDistance" in pair.clause);
      if (plain) return pair.term in postings ? [pair.term] : [];
      if (!tokenSet) tokenSet = lunr.TokenSet.fromArray(Object.keys(postings).sort());
      return tokenSet
        .intersect(lunr.TokenSet.fromClause(clauseFor(pair.clause, pair.term)))
        .toArray();
    });
  };

  /** A term's postings in one field as arrays: {docs: Int32Array, weights: Float64Array}. */
  Engine.prototype.decoded = function (postings, term, f) {
    var cache = this._decoded || (this._decoded = new Map());
    var k = term + "/" + f;
    var hit = cache.get(k);
    if (hit) return hit;
    var flat = postings[term][f] || [];
    var n = flat.length / 2;
    var docs = new Int32Array(n),
      weights = new Float64Array(n);
    var doc = 0;
    for (var i = 0; i < n; i++) {
      doc += flat[2 * i];
      docs[i] = doc;
      weights[i] = flat[2 * i + 1] / 1000;
    }
    hit = { docs: docs, weights: weights };
    if (cache.size > 5000) cache.clear();
    cache.set(k, hit);
    return hit;
  };

  /**
   * lunr.Index.prototype.query (lunr.js 2.3.9), step for step, on typed arrays: the same
   * required/prohibited logic, the same query vectors (summed clause boosts, divided by their
   * magnitude), field scores summed per statement in the order lunr meets the field matches,
   * and a stable sort by score. tests/search checks it against lunr.js's whole index.
   */
  Engine.prototype.score = function (query, pairs, expansions, postings) {
    var self = this;
    var fields = this.fields;
    var n = this.manifest.documents;
    var REQUIRED = lunr.Query.presence.REQUIRED,
      PROHIBITED = lunr.Query.presence.PROHIBITED;
    var fieldIndex = Object.create(null);
    fields.forEach(function (field, f) {
      fieldIndex[field] = f;
    });
    var queryVectors = fields.map(function () {
      return new Map();
    });
    var matched = fields.map(function () {
      return new Uint8Array(n);
    });
    var order = []; // (field, doc) in the order lunr first records a match
    var termFieldSeen = new Set();
    var required = fields.map(function () {
      return undefined; // undefined: no constraint; else a Uint8Array of allowed statements
    });
    var prohibited = null;
    var byClause = new Map();
    pairs.forEach(function (pair, i) {
      if (!byClause.has(pair.clause)) byClause.set(pair.clause, []);
      byClause.get(pair.clause).push(expansions[i]);
    });
    query.clauses.forEach(function (clause) {
      var clauseMatches = clause.presence === REQUIRED ? new Uint8Array(n) : null;
      var lists = byClause.get(clause) || [];
      var clauseFields = clause.fields.map(function (field) {
        return fieldIndex[field];
      });
      for (var m = 0; m < lists.length; m++) {
        var expandedTerms = lists[m];
        if (expandedTerms.length === 0 && clause.presence === REQUIRED) {
          clauseFields.forEach(function (f) {
            required[f] = new Uint8Array(n); // nothing can match
          });
          break;
        }
        expandedTerms.forEach(function (term) {
          clauseFields.forEach(function (f) {
            var posting = self.decoded(postings, term, f);
            var docs = posting.docs;
            var i;
            if (clause.presence === REQUIRED) {
              for (i = 0; i < docs.length; i++) clauseMatches[docs[i]] = 1;
              if (required[f] === undefined) required[f] = null; // null: all statements
            }
            if (clause.presence === PROHIBITED) {
              if (!prohibited) prohibited = new Uint8Array(n);
              for (i = 0; i < docs.length; i++) prohibited[docs[i]] = 1;
              return;
            }
            var vector = queryVectors[f];
            vector.set(term, (vector.get(term) || 0) + clause.boost);
            var seen = term + "/" + f;
            if (termFieldSeen.has(seen)) return;
            var flags = matched[f];
            for (i = 0; i < docs.length; i++) {
              if (!flags[docs[i]]) {
                flags[docs[i]] = 1;
                order.push(f, docs[i]);
              }
            }
            termFieldSeen.add(seen);
          });
        });
      }
      if (clause.presence === REQUIRED) {
        clauseFields.forEach(function (f) {
          var current = required[f];
          if (current === undefined || current === null) {
            required[f] = clauseMatches;
          } else {
            var both = new Uint8Array(n);
            for (var i = 0; i < n; i++) both[i] = current[i] & clauseMatches[i];
            required[f] = both;
          }
        });
      }
    });
    // Each field's dot products, summing term by term in index (sorted term) order, as
    // lunr.Vector.dot walks two sorted vectors.
    var dots = fields.map(function (_, f) {
      var vector = queryVectors[f];
      if (!vector.size) return null;
      var dot = new Float64Array(n);
      Array.from(vector.keys())
        .sort()
        .forEach(function (term) {
          var boost = vector.get(term);
          var posting = self.decoded(postings, term, f);
          for (var i = 0; i < posting.docs.length; i++) {
            dot[posting.docs[i]] += boost * posting.weights[i];
          }
        });
      return dot;
    });
    var magnitudes = fields.map(function (_, f) {
      var sum = 0;
      Array.from(queryVectors[f].keys())
        .sort()
        .forEach(function (term) {
          var value = queryVectors[f].get(term);
          sum += value * value;
        });
      return Math.sqrt(sum);
    });
    var results = [];
    var byDoc = new Map();
    for (var i = 0; i < order.length; i += 2) {
      var f = order[i],
        doc = order[i + 1];
      var allowed = required.every(function (r) {
        return r === undefined || r === null || r[doc] === 1;
      });
      if (!allowed || (prohibited && prohibited[doc])) continue;
      var score = dots[f] ? dots[f][doc] / magnitudes[f] || 0 : 0;
      var result = byDoc.get(doc);
      if (result) {
        result.score += score;
      } else {
        result = { ref: doc, score: score };
        byDoc.set(doc, result);
        results.push(result);
      }
    }
    return results.sort(function (a, b) {
      return b.score - a.score;
    });
  };

  /** A query of -terms only: every statement but theirs, unscored, as lunr does. */
  Engine.prototype.negated = function (pairs, expansions, postings) {
    var self = this;
    var excluded = new Uint8Array(this.manifest.documents);
    pairs.forEach(function (pair, i) {
      expansions[i].forEach(function (term) {
        pair.clause.fields.forEach(function (field) {
          var posting = self.decoded(postings, term, self.fields.indexOf(field));
          for (var j = 0; j < posting.docs.length; j++) excluded[posting.docs[j]] = 1;
        });
      });
    });
    var results = [];
    for (var doc = 0; doc < excluded.length; doc++) {
      if (!excluded[doc]) results.push({ ref: doc, score: 0 });
    }
    return results;
  };

  /** 32-bit FNV-1a over a term's UTF-16 code units, as the build computes it. */
  function termHash(term) {
    var value = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      value ^= term.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value;
  }

  /** The fingerprint of two consecutive terms, and the phrase file that lists it. */
  function pairKey(first, second) {
    return (Math.imul(termHash(first), 0x9e3779b1) ^ termHash(second)) >>> 0;
  }

  function pairFile(key, files) {
    return (Math.imul(key ^ (key >>> 16), 0x85ebca6b) >>> 0) % files;
  }

  /** The statements listed under a fingerprint in a phrase file [key, count, deltas, ...]. */
  function pairDocuments(flat, key) {
    var set = new Set();
    for (var i = 0; i < flat.length; i += 2 + flat[i + 1]) {
      if (flat[i] !== key) continue;
      var doc = 0;
      for (var j = 0; j < flat[i + 1]; j++) {
        doc += flat[i + 2 + j];
        set.add(doc);
      }
    }
    return set;
  }

  /** Keep the results that hold every phrase: each pair of its consecutive terms. */
  Engine.prototype.filterPhrases = function (phrases, results) {
    var self = this;
    var keys = [];
    phrases.forEach(function (terms) {
      for (var i = 0; i + 1 < terms.length; i++) keys.push(pairKey(terms[i], terms[i + 1]));
    });
    if (!keys.length || !results.length) return Promise.resolve(results);
    var files = this.manifest.phraseFiles;
    return Promise.all(
      keys.map(function (key) {
        var n = pairFile(key, files);
        return fetchIndexFile(self.base, "p", n, "p/" + n + ".js").then(function (flat) {
          return pairDocuments(flat, key);
        });
      })
    ).then(function (sets) {
      return results.filter(function (r) {
        return sets.every(function (set) {
          return set.has(r.ref);
        });
      });
    });
  };

  /** A statement's result entry, from the file that packs it with its neighbours. */
  Engine.prototype.fragment = function (doc) {
    var size = this.manifest.fragmentsPerFile;
    var pack = Math.floor(doc / size);
    return fetchIndexFile(this.base, "f", pack, "f/" + pack + ".js").then(function (entries) {
      return entries[doc - pack * size];
    });
  };

  /** Per facet, each statement's values (indexes into `values`); years from the ranges. */
  Engine.prototype.facets = function () {
    var self = this;
    if (this._facets) return this._facets;
    this._facets = fetchIndexFile(this.base, "facets", 0, "facets.js").then(function (data) {
      var n = self.manifest.documents;
      var out = {};
      FACETS.forEach(function (facet) {
        var perDoc = new Array(n);
        data[facet].docs.forEach(function (deltas, value) {
          var doc = 0;
          deltas.forEach(function (delta) {
            doc += delta;
            (perDoc[doc] || (perDoc[doc] = [])).push(value);
          });
        });
        out[facet] = { values: data[facet].values, perDoc: perDoc };
      });
      return out;
    });
    return this._facets;
  };

  Engine.prototype.yearOf = function (doc) {
    var years = this.manifest.years;
    var lo = 0,
      hi = years.length - 1,
      found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (years[mid][1] <= doc) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return years.length ? years[found][0] : null;
  };

  function createEngine(base) {
    return fetchIndexFile(base, "manifest", 0, "manifest.js").then(function (manifest) {
      return new Engine(base, manifest);
    });
  }

  ArchiveSearch.createEngine = createEngine;
  ArchiveSearch.indexTerm = indexTerm;
  ArchiveSearch.editDistance = editDistance;
  ArchiveSearch.pairKey = pairKey;
  ArchiveSearch.QuerySyntaxError = QuerySyntaxError;
  global.ArchiveSearch = ArchiveSearch;

  if (typeof document === "undefined") return;

  // ------------------------------------------------------------------------------------------
  // The search page.

  var app = document.getElementById("search-app");
  if (!app) return;

  var root = app.getAttribute("data-root") || "";
  var base = app.getAttribute("data-index") || "index/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetBox = document.getElementById("search-facets");
  var pager = document.getElementById("search-pager");
  var sortSelect = document.getElementById("search-sort");
  app.hidden = false;

  var PARAMS = ["q", "sort", "from", "to"].concat(FACETS, ["page"]);
  var state = readState(global.location.search);
  var enginePromise = null;
  var running = false;
  var queued = false;
  var lastInput = 0;
  var generation = 0;
  var cache = { text: null, response: null };
  var facetsWanted = false; // the reader asked for the filters (facets loaded on demand)
  var focusFacets = false;

  function engine() {
    if (!enginePromise) enginePromise = createEngine(base);
    return enginePromise;
  }

  function readState(search) {
    var params = new URLSearchParams(search);
    var s = {};
    PARAMS.forEach(function (name) {
      s[name] = params.get(name) || "";
    });
    if (["relevance", "newest", "oldest"].indexOf(s.sort) < 0) s.sort = "relevance";
    s.page = Math.max(1, parseInt(s.page, 10) || 1);
    return s;
  }

  function stateQuery(s) {
    var params = new URLSearchParams();
    PARAMS.forEach(function (name) {
      var value = s[name];
      if (name === "sort" && value === "relevance") return;
      if (name === "page" && value === 1) return;
      if (value !== "" && value !== undefined && value !== null) params.set(name, value);
    });
    var text = params.toString();
    return text ? "?" + text : "?";
  }

  function saveState(push) {
    var url = stateQuery(state);
    if (url === global.location.search || (url === "?" && !global.location.search)) return;
    try {
      if (push) global.history.pushState(null, "", url);
      else global.history.replaceState(null, "", url);
    } catch (error) {
      // Some browsers refuse history entries for file:// pages; the search still works.
    }
  }

  function showState() {
    input.value = state.q;
    sortSelect.value = state.sort;
    var header = document.getElementById("site-search-q");
    if (header) header.value = state.q;
  }

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Run the current state's search; keystrokes during a search collapse into one more run. */
  function update() {
    if (running) {
      queued = true;
      return;
    }
    running = true;
    queued = false;
    var mine = ++generation;
    render(mine).then(
      function () {
        running = false;
        if (queued) update();
      },
      function (error) {
        running = false;
        if (console && console.error) console.error(error);
        setStatus("The search failed: " + (error && error.message ? error.message : error));
        if (queued) update();
      }
    );
  }

  function render(mine) {
    var text = state.q.trim();
    if (!text) {
      list.replaceChildren();
      facetBox.replaceChildren();
      pager.replaceChildren();
      setStatus("Type words to search the statements.");
      painted();
      return Promise.resolve();
    }
    var s = state;
    return engine().then(function (eng) {
      var search =
        cache.text === text && !global.__searchNoCache
          ? Promise.resolve(cache.response)
          : eng.search(text).then(remember);
      function remember(response) {
        cache = { text: text, response: response };
        return response;
      }
      var needFacets =
        s.from ||
        s.to ||
        FACETS.some(function (facet) {
          return s[facet];
        });
      return search
        .then(
          function (response) {
            if (needFacets) {
              return eng.facets().then(function (facets) {
                return { response: response, facets: facets };
              });
            }
            return { response: response, facets: null };
          },
          function (error) {
            if (error instanceof QuerySyntaxError) {
              list.replaceChildren();
              pager.replaceChildren();
              facetBox.replaceChildren();
              setStatus("Could not read the query: " + error.message);
              painted();
              return null;
            }
            throw error;
          }
        )
        .then(function (found) {
          if (!found || mine !== generation) return;
          return showResults(eng, s, found.response, found.facets, mine);
        });
    });
  }

  function filtered(eng, s, results, facets, skip) {
    var from = parseInt(s.from, 10),
      to = parseInt(s.to, 10);
    return results.filter(function (r) {
      if ((s.from || s.to) && skip !== "year") {
        var year = eng.yearOf(r.ref);
        if (year === null) return false;
        if (!isNaN(from) && year < from) return false;
        if (!isNaN(to) && year > to) return false;
      }
      if (!facets) return true;
      return FACETS.every(function (facet) {
        if (facet === skip || !s[facet]) return true;
        var values = facets[facet].perDoc[r.ref] || [];
        var names = facets[facet].values;
        return values.some(function (v) {
          return names[v] === s[facet];
        });
      });
    });
  }

  function sorted(s, results) {
    if (s.sort === "relevance") return results;
    var copy = results.slice();
    copy.sort(function (a, b) {
      return s.sort === "newest" ? b.ref - a.ref : a.ref - b.ref;
    });
    return copy;
  }

  function showResults(eng, s, response, facets, mine) {
    var results = sorted(s, filtered(eng, s, response.results, facets, null));
    var pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
    var page = Math.min(s.page, pages);
    var shown = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return Promise.all(
      shown.map(function (r) {
        return eng.fragment(r.ref);
      })
    ).then(function (fragments) {
      if (mine !== generation) return;
      var terms = highlighted(eng, response);
      var items = shown.map(function (r, i) {
        return resultItem(fragments[i], terms);
      });
      list.replaceChildren.apply(list, items);
      setStatus(
        results.length === 0
          ? "No statements match " + quoted(s.q) + "."
          : results.length +
              (results.length === 1 ? " statement " : " statements ") +
              (response.negated
                ? (results.length === 1 ? "does not contain " : "do not contain ") +
                  excludedWords(s.q)
                : (results.length === 1 ? "matches " : "match ") + quoted(s.q)) +
              (pages > 1 ? ", page " + page + " of " + pages : "") +
              "."
      );
      showPager(page, pages);
      if (!results.length) showNoResults(eng, s, response, mine);
      painted();
      // A large archive's facets load only when the reader asks for the filters.
      if (!facets && eng.manifest.facetsOnDemand && !facetsWanted && !eng._facets) {
        if (!facetBox.querySelector(".facet-open")) facetBox.replaceChildren(facetButton());
        return;
      }
      // Facet counts come after the results are on screen: they never delay them.
      return afterPaint()
        .then(function () {
          return mine === generation ? eng.facets() : null;
        })
        .then(function (loadedFacets) {
          if (!loadedFacets || mine !== generation) return;
          showFacets(eng, s, response.results, loadedFacets);
        });
    });
  }

  function quoted(text) {
    return "\u201c" + text.trim() + "\u201d";
  }

  function anyFilter(s) {
    return Boolean(
      s.from ||
        s.to ||
        FACETS.some(function (facet) {
          return s[facet];
        })
    );
  }

  function clearFilters() {
    state.from = state.to = "";
    FACETS.forEach(function (facet) {
      state[facet] = "";
    });
    state.page = 1;
    saveState(true);
    update();
  }

  function filterButton(label) {
    var button = el("button", "clear-filters", label);
    button.type = "button";
    button.addEventListener("click", function () {
      clearFilters();
      input.focus();
    });
    return button;
  }

  /** The words a query excludes ("-japan" -> “japan”), for messages. */
  function excludedWords(text) {
    var words = (text.match(/(?:^|\s)-[^\s]+/g) || []).map(function (w) {
      return quoted(w.trim().slice(1));
    });
    return words.join(" or ") || quoted(text);
  }

  /** Help when nothing is found: what the filters or the exclusions removed, or a spelling
   * the index has for a word it does not. */
  function showNoResults(eng, s, response, mine) {
    var help = el("li", "no-results");
    var text = el("p");
    help.appendChild(text);
    list.replaceChildren(help);
    if (response.results.length && anyFilter(s)) {
      text.textContent =
        response.results.length +
        (response.results.length === 1 ? " statement matches " : " statements match ") +
        quoted(s.q) +
        " without the filters.";
      help.appendChild(filterButton("Remove filters"));
      return;
    }
    if (response.negated) {
      text.textContent =
        "A query of excluded words only (" +
        excludedWords(s.q) +
        ") finds the statements without them: here, every statement has them.";
      return;
    }
    if (response.excludes) {
      var kept = s.q
        .split(/\s+/)
        .filter(function (w) {
          return w && w.charAt(0) !== "-";
        })
        .join(" ");
      eng.search(kept).then(function (without) {
        if (mine !== generation) return;
        text.textContent = without.results.length
          ? without.results.length +
            (without.results.length === 1 ? " statement matches " : " statements match ") +
            quoted(kept) +
            ", but " +
            (without.results.length === 1 ? "it contains " : "all contain ") +
            excludedWords(s.q) +
            ", which the query excludes with \u201c-\u201d."
          : "No statement matches " + quoted(kept) + " even before the exclusions.";
      });
      return;
    }
    text.textContent = "No statement contains these words.";
    if (!response.missing.length) return;
    Promise.all(
      response.missing.map(function (term) {
        return eng.suggest(term);
      })
    ).then(function (suggestions) {
      if (mine !== generation) return;
      var fixed = s.q;
      var changed = false;
      response.missing.forEach(function (term, i) {
        if (!suggestions[i]) return;
        fixed = fixed
          .split(/(\s+)/)
          .map(function (word) {
            return indexTerm(word.toLowerCase()) === term ? suggestions[i] : word;
          })
          .join("");
        changed = true;
      });
      if (!changed) return;
      text.textContent = "No statement contains these words. Did you mean ";
      var link = el("a", "suggestion", fixed);
      link.href = stateQuery(Object.assign({}, state, { q: fixed, page: 1 }));
      link.addEventListener("click", function (event) {
        event.preventDefault();
        state.q = fixed;
        state.page = 1;
        showState();
        saveState(true);
        update();
      });
      text.appendChild(link);
      text.appendChild(document.createTextNode("?"));
    });
  }

  /** The words to mark in results: the query's terms, the number of a resolution symbol it
   * names (S/RES/2397 marks "2397"), and other spellings of a curated name; each ranked by
   * how few statements hold the query term it comes from. */
  function highlighted(eng, response) {
    var rank = new Map();
    function add(term, count) {
      if (!rank.has(term) || rank.get(term) > count) rank.set(term, count);
    }
    response.rarity.forEach(function (count, term) {
      add(term, count);
      var symbol = /^s\/res\/(\d+)$/.exec(term);
      if (symbol) add(symbol[1], count);
      (eng.equivalents.get(term) || []).forEach(function (other) {
        add(other, count);
      });
    });
    return rank;
  }

  /** Resolves once the browser has painted the page as it is now (soon, in a hidden tab). */
  function afterPaint() {
    return new Promise(function (resolve) {
      var done = false;
      function finish() {
        if (!done) resolve((done = true));
      }
      global.requestAnimationFrame(function () {
        setTimeout(finish, 0);
      });
      setTimeout(finish, 200);
    });
  }

  function painted() {
    global.__searchPaints = (global.__searchPaints || 0) + 1;
    global.__searchPaintedAt = performance.now();
    app.setAttribute("data-paints", String(global.__searchPaints));
  }

  function resultItem(fragment, terms) {
    var li = el("li", "result");
    var best = bestParagraph(fragment.paragraphs, terms);
    var href = root + fragment.url + "index.html" + (best ? "#p" + (best.index + 1) : "");
    var heading = el("h2", "result-title");
    var link = el("a");
    link.href = href;
    appendHighlighted(link, fragment.title, terms);
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = [fragment.date, fragment.speaker, fragment.type].filter(Boolean).join(" \u00b7 ");
    li.appendChild(el("p", "result-meta", meta));
    var snippet = el("p", "result-snippet");
    if (best) {
      appendHighlighted(snippet, best.text, terms, best.start, best.end);
    } else if (fragment.paragraphs.length) {
      var first = fragment.paragraphs[0];
      snippet.textContent = first.length > 240 ? first.slice(0, 240) + "\u2026" : first;
    }
    li.appendChild(snippet);
    return li;
  }

  /** Word spans of a text whose index term is in `terms` (a Set or Map): [[start, end], ...]. */
  function matches(text, terms) {
    var spans = [];
    var word = /[^ \t\n\r\f\v\u00a0-]+/g;
    var m;
    while ((m = word.exec(text))) {
      var term = indexTerm(m[0].toLowerCase());
      if (term && terms.has(term)) {
        var trim = TRIM.exec(m[0]);
        var offset = trim ? m[0].indexOf(trim[1]) : 0;
        var length = trim ? trim[1].length : m[0].length;
        spans.push([m.index + offset, m.index + offset + length, term]);
      }
    }
    return spans;
  }

  /** The snippet: the paragraph holding the query's rarest matched term (with the most
   * distinct matched terms, then most matches, among those), and a window around that term. */
  function bestParagraph(paragraphs, terms) {
    var found = paragraphs.map(function (text) {
      return matches(text, terms);
    });
    var rarest = null;
    found.forEach(function (spans) {
      spans.forEach(function (span) {
        var count = terms.get ? terms.get(span[2]) : 0;
        if (rarest === null || count < rarest.count || (count === rarest.count && span[2] < rarest.term)) {
          rarest = { term: span[2], count: count };
        }
      });
    });
    if (!rarest) return null;
    var best = null;
    found.forEach(function (spans, index) {
      var at = spans.filter(function (span) {
        return span[2] === rarest.term;
      });
      if (!at.length) return;
      var distinct = new Set(
        spans.map(function (span) {
          return span[2];
        })
      ).size;
      var score = distinct * 1000 + spans.length;
      if (!best || score > best.score) {
        best = { index: index, text: paragraphs[index], spans: spans, anchor: at[0], score: score };
      }
    });
    var start = 0,
      end = best.text.length;
    if (end > 280) {
      start = Math.max(0, best.anchor[0] - 90);
      var space = best.text.lastIndexOf(" ", start);
      start = start === 0 ? 0 : space < 0 ? start : space + 1;
      end = Math.min(best.text.length, start + 280);
      var after = best.text.indexOf(" ", end);
      end = after < 0 || after - end > 20 ? end : after;
    }
    best.start = start;
    best.end = end;
    return best;
  }

  /** Append `text` (or its [start, end) window) with matched words in <mark>, as text nodes. */
  function appendHighlighted(parent, text, terms, start, end) {
    start = start || 0;
    end = end === undefined ? text.length : end;
    if (start > 0) parent.appendChild(document.createTextNode("\u2026"));
    var at = start;
    matches(text, terms).forEach(function (span) {
      if (span[0] < start || span[1] > end) return;
      if (span[0] > at) parent.appendChild(document.createTextNode(text.slice(at, span[0])));
      parent.appendChild(el("mark", null, text.slice(span[0], span[1])));
      at = span[1];
    });
    if (at < end) parent.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) parent.appendChild(document.createTextNode("\u2026"));
  }

  function showPager(page, pages) {
    pager.replaceChildren();
    if (pages <= 1) return;
    [
      ["Previous page", page - 1, page > 1],
      ["Next page", page + 1, page < pages],
    ].forEach(function (item) {
      if (!item[2]) return;
      var next = Object.assign({}, state, { page: item[1] });
      var link = el("a", "pager-link", item[0]);
      link.href = stateQuery(next);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        state.page = item[1];
        saveState(true);
        update();
        list.focus();
      });
      pager.appendChild(link);
    });
  }

  /** The button that loads the filters of an archive whose facets load on demand. */
  function facetButton() {
    var button = el("button", "facet-open", "Show filters with counts");
    button.type = "button";
    button.addEventListener("click", function () {
      facetsWanted = true;
      focusFacets = true;
      button.disabled = true;
      button.textContent = "Loading filters\u2026";
      update();
    });
    return button;
  }

  function count(values) {
    var counts = new Map();
    values.forEach(function (v) {
      counts.set(v, (counts.get(v) || 0) + 1);
    });
    return counts;
  }

  function showFacets(eng, s, results, facets) {
    var groups = [];
    // Years: what the other filters leave, counted per year; unknown years count apart.
    var yearCounts = count(
      filtered(eng, s, results, facets, "year").map(function (r) {
        return eng.yearOf(r.ref);
      })
    );
    var years = Array.from(yearCounts.keys())
      .filter(function (y) {
        return y !== null;
      })
      .sort(function (a, b) {
        return a - b;
      });
    groups.push(yearSelect("from", "From year", years, yearCounts, s.from));
    groups.push(yearSelect("to", "To year", years, yearCounts, s.to));
    FACETS.forEach(function (facet) {
      var names = facets[facet].values;
      var counts = new Map();
      filtered(eng, s, results, facets, facet).forEach(function (r) {
        (facets[facet].perDoc[r.ref] || []).forEach(function (v) {
          counts.set(names[v], (counts.get(names[v]) || 0) + 1);
        });
      });
      var options = Array.from(counts.entries())
        .sort(function (a, b) {
          return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
        })
        .slice(0, 100);
      if (s[facet] && !counts.has(s[facet])) options.unshift([s[facet], 0]);
      groups.push(facetSelect(facet, FACET_LABELS[facet], options, s[facet]));
    });
    // First, so that on a phone (filters above the results) it is in view with them.
    if (anyFilter(s)) groups.unshift(filterButton("Clear all filters"));
    facetBox.replaceChildren.apply(facetBox, groups);
    if (focusFacets) {
      focusFacets = false;
      facetBox.querySelector("select").focus();
    }
  }

  function selectGroup(name, label, current, options, anyLabel) {
    var wrap = el("div", "facet");
    var id = "facet-" + name;
    var labelNode = el("label", null, label);
    labelNode.htmlFor = id;
    var select = el("select");
    select.id = id;
    select.name = name;
    select.appendChild(new Option(anyLabel, ""));
    options.forEach(function (option) {
      select.appendChild(new Option(option[1], option[0]));
    });
    select.value = current;
    select.addEventListener("change", function () {
      state[name] = select.value;
      state.page = 1;
      saveState(true);
      update();
    });
    wrap.appendChild(labelNode);
    wrap.appendChild(select);
    return wrap;
  }

  function yearSelect(name, label, years, counts, current) {
    var options = years.map(function (y) {
      return [String(y), y + " (" + counts.get(y) + ")"];
    });
    if (current && years.indexOf(Number(current)) < 0) options.push([current, current]);
    return selectGroup(name, label, current, options, "Any year");
  }

  function facetSelect(name, label, entries, current) {
    var options = entries.map(function (entry) {
      return [entry[0], entry[0] + " (" + entry[1] + ")"];
    });
    return selectGroup(name, label, current, options, "Any");
  }

  input.addEventListener("input", function () {
    var now = Date.now();
    // A pause of a second starts a new history entry, so Back walks through searches.
    var push = now - lastInput > 1000;
    lastInput = now;
    state.q = input.value;
    state.page = 1;
    saveState(push);
    update();
  });
  input.addEventListener("focus", engine);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state.q = input.value;
    state.page = 1;
    saveState(true);
    update();
  });
  sortSelect.addEventListener("change", function () {
    state.sort = sortSelect.value;
    state.page = 1;
    saveState(true);
    update();
  });
  global.addEventListener("popstate", function () {
    state = readState(global.location.search);
    showState();
    update();
  });

  showState();
  update();
})(typeof window !== "undefined" ? window : globalThis);
