/* The edition's passage search (see _ext/passage_search.py): MiniSearch over the passages the build wrote.
 * Loaded on first use by each page's loader; it loads MiniSearch and the passages as scripts (which work
 * from file://), builds the index once, and serves every form.passage-search on the page. */
(() => {
  "use strict";
  if (window.editionSearch) return;
  const root = document.documentElement.dataset.content_root || "";
  const base = root + "_static/passage_search/";
  const PAGE = 20; // results shown at a time
  const STOP = new Set(("a an and are as at be been but by did do for from had has have he her his i if in into is it " +
    "its of on or s so that the their them then there these they this to was were what when which who will with would").split(" "));
  // the authors' text ranks before the editors' notes, and both before the editors' chapters
  const WEIGHT = { para: 1.0, note: 0.9, ednote: 0.7, editors: 0.45 };
  const PART = { authors: ["para", "note"], editors: ["ednote", "editors"] };
  const WORD = /[\p{L}\p{N}]+/gu;

  const fold = (word) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  // plural and singular meet: "loans" and "loan", "countries" and "country" are one term
  const stem = (w) => {
    if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
    if (w.length > 4 && /(?:ch|sh|ss|x|z)es$/.test(w)) return w.slice(0, -2);
    if (w.length > 3 && w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  };
  const seen = new Map(); // the same words recur through the texts: fold and stem each once
  const processTerm = (term) => {
    let out = seen.get(term);
    if (out === undefined) {
      const t = fold(term);
      out = t.length < 2 && !/\d/.test(t) || STOP.has(t) ? null : stem(t);
      seen.set(term, out);
    }
    return out;
  };
  const normal = (text) => (fold(text).match(WORD) || []).join(" ");

  const script = (name) => new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = base + name;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`${base}${name} did not load`));
    document.head.append(s);
  });

  const started = performance.now();
  const ready = Promise.all([script("minisearch.js"), script("passages.js")]).then(() => {
    const loaded = performance.now();
    const data = window.editionPassages;
    const index = new window.MiniSearch({ fields: ["t"], idField: "id", processTerm });
    index.addAll(data.passages);
    const stats = { loadMs: loaded - started, indexMs: performance.now() - loaded, entries: data.passages.length };
    return { data, index, stats };
  });

  function search({ data, index }, query, work, part) {
    const kinds = PART[part];
    const hits = index.search(query, {
      combineWith: "OR",
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3, // the word being typed
      fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0), // a typo; Litvinoff and Litvinov
      boostDocument: (id) => WEIGHT[data.passages[id].k] || 1,
      filter: (hit) => {
        const p = data.passages[hit.id];
        return (!work || p.w === work) && (!kinds || kinds.includes(p.k));
      },
    });
    const phrase = normal(query);
    if (phrase.includes(" ")) {
      // the reader's exact words, where a passage has them, come first
      const head = hits.slice(0, 200);
      head.forEach((hit) => { hit.phrase = normal(data.passages[hit.id].t).includes(phrase); });
      head.sort((a, b) => (b.phrase - a.phrase) || (b.score - a.score));
      return head.concat(hits.slice(200));
    }
    return hits;
  }

  function excerpt(text, terms, phrase) {
    const words = [...text.matchAll(WORD)];
    const marked = words.filter((m) => terms.has(processTerm(m[0]) || ""));
    // the stretch of text where the most different words of the query meet
    let at = marked.length ? marked[0].index : 0;
    let best = 0;
    marked.forEach((m, i) => {
      const near = new Set();
      for (let j = i; j < marked.length && marked[j].index - m.index < 160; j++) near.add(processTerm(marked[j][0]));
      if (near.size > best) { best = near.size; at = m.index; }
    });
    if (phrase) {
      const folded = words.map((m) => fold(m[0]));
      const parts = phrase.split(" ");
      const i = folded.findIndex((_, k) => parts.every((w, j) => folded[k + j] === w));
      if (i >= 0) at = words[i].index;
    }
    let start = Math.max(0, at - 60);
    let end = Math.min(text.length, start + 240);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    const frag = document.createDocumentFragment();
    if (start > 0) frag.append("… ");
    let pos = start;
    for (const m of marked) {
      if (m.index < start || m.index + m[0].length > end) continue;
      frag.append(text.slice(pos, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.append(mark);
      pos = m.index + m[0].length;
    }
    frag.append(text.slice(pos, end));
    if (end < text.length) frag.append(" …");
    return frag;
  }

  function item(passage, hit, phrase) {
    const li = document.createElement("li");
    li.className = "passage-search__result";
    const a = document.createElement("a");
    a.href = root + passage.u;
    const where = document.createElement("span");
    where.className = "passage-search__where";
    const work = document.createElement("strong");
    work.textContent = passage.c;
    where.append(work);
    if (passage.n) {
      const span = document.createElement("span");
      span.textContent = passage.n;
      where.append(" · ", span);
    }
    const body = document.createElement("span");
    body.className = "passage-search__excerpt";
    body.append(excerpt(passage.t, new Set(hit.terms), hit.phrase ? phrase : ""));
    a.append(where, body);
    li.append(a);
    return li;
  }

  function attach(form, state) {
    const input = form.querySelector("input[name=q]");
    const work = form.querySelector("select[name=work]");
    const part = form.querySelector("select[name=part]");
    const status = form.querySelector(".passage-search__status");
    const list = form.querySelector(".passage-search__results");
    const eager = form.hasAttribute("data-eager");
    let hits = [];
    let shown = 0;
    let timer = 0;

    const more = document.createElement("button");
    more.type = "button";
    more.className = "passage-search__more";
    more.hidden = true;

    const show = (count) => {
      const phrase = normal(input.value);
      const upto = Math.min(hits.length, shown + count);
      for (let i = shown; i < upto; i++) list.append(item(state.data.passages[hits[i].id], hits[i], phrase));
      shown = upto;
      more.hidden = shown >= hits.length;
      more.textContent = `Show ${Math.min(PAGE, hits.length - shown)} more of ${hits.length}`;
    };

    const run = () => {
      const query = input.value.trim();
      list.replaceChildren();
      hits = query ? search(state, query, work.value, part.value) : [];
      shown = 0;
      show(PAGE);
      form.classList.toggle("passage-search--has-results", hits.length > 0);
      if (!query) status.textContent = "";
      else if (!hits.length) status.textContent = `No passage matches “${query}”.`;
      else {
        const first = state.data.passages[hits[0].id];
        status.textContent = `${hits.length} passage${hits.length === 1 ? "" : "s"} for “${query}”; ` +
          `the first: ${[first.c, first.n].filter(Boolean).join(" ")}.`;
      }
      if (eager) {
        const url = new URL(location.href);
        for (const [key, value] of [["q", query], ["work", work.value], ["part", part.value]]) {
          if (value) url.searchParams.set(key, value); else url.searchParams.delete(key);
        }
        history.replaceState(null, "", url);
      }
    };
    const soon = () => { clearTimeout(timer); timer = setTimeout(run, 120); };

    list.after(more);
    more.addEventListener("click", () => {
      const next = shown;
      show(PAGE);
      list.children[next]?.querySelector("a")?.focus();
    });
    input.addEventListener("input", soon);
    work.addEventListener("change", run);
    part.addEventListener("change", run);
    form.addEventListener("submit", (event) => {
      // in the dialog, Enter opens the search page with the same query; on the search page it searches in place
      if (eager) { event.preventDefault(); run(); }
    });
    form.addEventListener("keydown", (event) => {
      const links = [...list.querySelectorAll("a")];
      const i = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && (event.target === input || i >= 0)) {
        event.preventDefault();
        links[Math.min(i + 1, links.length - 1)]?.focus();
      } else if (event.key === "ArrowUp" && i >= 0) {
        event.preventDefault();
        (i === 0 ? input : links[i - 1]).focus();
      }
    });
    list.addEventListener("click", (event) => {
      // a result on the page being read: close the dialog so the passage shows
      if (event.target.closest("a")) form.closest("dialog")?.close();
    });
    if (eager) {
      const params = new URLSearchParams(location.search);
      input.value = params.get("q") || input.value;
      work.value = params.get("work") || "";
      part.value = params.get("part") || "";
      if (!work.value) work.selectedIndex = 0;
      if (!part.value) part.selectedIndex = 0;
      input.focus();
    }
    if (input.value.trim()) run();
  }

  const forms = [...document.querySelectorAll("form.passage-search")];
  forms.forEach((form) => form.classList.add("passage-search--loading"));
  window.editionSearch = {
    ready: ready.then((state) => {
      forms.forEach((form) => { form.classList.remove("passage-search--loading"); attach(form, state); });
      return state.stats;
    }, (error) => {
      forms.forEach((form) => { form.querySelector(".passage-search__status").textContent = `The search could not load: ${error.message}`; });
      throw error;
    }),
  };
})();
