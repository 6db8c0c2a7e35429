/* "Cite in another style": loaded only when a reader asks for it (by how_to_cite.js). It loads, as script
   files so that it works from file:// as well as from a server, the catalogue of CSL styles
   (csl/index.js), then the chosen style, its locale, citeproc-js (csl/citeproc.js) and the essay's CSL-JSON
   (cite/<stem>.js), and renders a citation with the paragraph as locator and the bibliography entry.
   Styles and locales come compressed ({deflateRaw: base64}, edition/csl_catalogue.py) and are unpacked here
   with the browser's DecompressionStream, which works from file:// as it needs no fetch. */
(function () {
  "use strict";

  var base = "";  // the _static/ folder, set by open()
  var loaded = {};
  var registry = window.EditionCSL = window.EditionCSL || { styles: {}, locales: {}, items: {} };

  function load(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return loaded[src];
  }

  // A registered style or locale as XML text: unpacked once, then kept as text.
  function unpack(table, key) {
    var value = table[key];
    if (typeof value === "string" || !value) { return Promise.resolve(value); }
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack the styles (it lacks DecompressionStream)"));
    }
    var binary = atob(value.deflateRaw);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text().then(function (xml) { table[key] = xml; return xml; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  // The catalogue: styles [[id, title, locale]], dependents [[title, index of parent]].
  function entries() {
    var index = registry.index;
    var out = index.styles.map(function (s, i) { return { title: s[1], style: i }; });
    index.dependents.forEach(function (d) { out.push({ title: d[0], style: d[1] }); });
    return out;
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { return []; }
    return entries().filter(function (e) {
      var t = e.title.toLowerCase();
      return words.every(function (w) { return t.indexOf(w) !== -1; });
    }).slice(0, 50);
  }

  function render(styleIndex, stem, locator) {
    var style = registry.index.styles[styleIndex];
    var id = style[0];
    var lang = style[2] || "en-US";
    return Promise.all([
      load(base + "csl/citeproc.js"),
      load(base + "csl/styles/" + id + ".js"),
      load(base + "csl/locales/" + lang + ".js").catch(function () { return null; }),
      load(base + "csl/locales/en-US.js"),
      load(base + "../cite/" + stem + ".js"),
    ]).then(function () {
      return Promise.all([unpack(registry.styles, id), unpack(registry.locales, lang), unpack(registry.locales, "en-US")]);
    }).then(function () {
      var items = {};
      registry.items[stem].forEach(function (item) { items[item.id] = item; });
      var sys = {
        retrieveLocale: function (l) { return registry.locales[l] || false; },
        retrieveItem: function (k) { return items[k]; },
      };
      var key = registry.items[stem][0].id;
      function engine(format) {
        var e = new CSL.Engine(sys, registry.styles[id], lang, true);
        e.setOutputFormat(format);
        return e;
      }
      function one(format) {
        var e = engine(format);
        var cite = { citationItems: [{ id: key }], properties: { noteIndex: 1 } };
        if (locator) { cite.citationItems[0].locator = locator; cite.citationItems[0].label = "paragraph"; }
        var citation = e.processCitationCluster(cite, [], [])[1][0][1];
        var bib = "";
        if (e.bibliography && e.bibliography.tokens && e.bibliography.tokens.length) {
          var b = engine(format);
          b.updateItems([key]);
          var made = b.makeBibliography();
          bib = made ? made[1].join("").trim() : "";
        }
        return { citation: citation, bibliography: bib };
      }
      return { title: style[1], html: one("html"), text: one("text") };
    });
  }

  function copyRich(html, text) {
    if (navigator.clipboard && window.ClipboardItem && window.isSecureContext) {
      var item = new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      });
      return navigator.clipboard.write([item]).then(function () { return true; }, function () { return false; });
    }
    return Promise.resolve(false);
  }

  var dialog = null;

  function build() {
    dialog = el("dialog", { class: "ed cite-any", "aria-labelledby": "cite-any-title" });
    dialog.appendChild(el("h2", { id: "cite-any-title" }, "Cite in another style"));
    var label = el("label", { for: "cite-any-q" }, "Search the styles by name (e.g. Harvard, IEEE, a journal's title)");
    var input = el("input", { id: "cite-any-q", type: "search", role: "combobox", "aria-expanded": "false",
                              "aria-controls": "cite-any-list", "aria-autocomplete": "list", autocomplete: "off" });
    var para = el("label", { for: "cite-any-para" }, "Paragraph (optional)");
    var paraInput = el("input", { id: "cite-any-para", type: "text", inputmode: "numeric", size: "4" });
    var list = el("ul", { id: "cite-any-list", role: "listbox", "aria-label": "Matching styles" });
    var count = el("p", { class: "cite-any-count", role: "status", "aria-live": "polite" });
    var result = el("div", { class: "cite-any-result", "aria-live": "polite" });
    var copy = el("button", { type: "button", class: "cite-copy", hidden: "" }, "Copy");
    var close = el("button", { type: "button", class: "cite-copy cite-any-close" }, "Close");
    var licence = el("p", { class: "cite-any-licence" });
    licence.textContent = "Rendered in your browser by citeproc-js (CPAL 1.0 or AGPL 3.0), with the official CSL styles "
      + "and locales of the Citation Style Language project (CC BY-SA 3.0); see the edition's licences page.";
    [label, input, para, paraInput, count, list, result, copy, close, licence].forEach(function (n) { dialog.appendChild(n); });
    document.body.appendChild(dialog);

    var active = -1;
    var matches = [];
    var current = null;

    function show() {
      list.textContent = "";
      matches = search(input.value);
      matches.forEach(function (m, i) {
        var li = el("li", { role: "option", id: "cite-any-opt-" + i, "aria-selected": i === active ? "true" : "false" }, m.title);
        li.addEventListener("click", function () { choose(i); });
        list.appendChild(li);
      });
      input.setAttribute("aria-expanded", matches.length ? "true" : "false");
      count.textContent = input.value ? matches.length + (matches.length === 50 ? "+" : "") + " styles found." : "";
    }

    function choose(i) {
      var m = matches[i];
      if (!m) { return; }
      result.textContent = "Rendering in " + m.title + "…";
      render(m.style, dialog.dataset.stem, paraInput.value.trim()).then(function (r) {
        current = r;
        result.innerHTML = "";
        result.appendChild(el("p", { class: "cite-any-style" }, m.title + (m.title !== r.title ? " (uses " + r.title + ")" : "")));
        var c = el("p", { class: "cite-any-citation" });
        c.innerHTML = r.html.citation;
        result.appendChild(c);
        if (r.text.bibliography) {
          var b = el("div", { class: "cite-any-bib" });
          b.innerHTML = r.html.bibliography;
          result.appendChild(b);
        }
        copy.hidden = false;
        copy.setAttribute("aria-label", "Copy the citation in " + m.title);
        copy.focus();
      }, function (err) {
        result.textContent = "This style could not be loaded (" + err.message + ").";
      });
    }

    input.addEventListener("input", function () { active = -1; show(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (!matches.length) { return; }
        active = (active + (ev.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
        show();
        input.setAttribute("aria-activedescendant", "cite-any-opt-" + active);
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    });
    copy.addEventListener("click", function () {
      if (!current) { return; }
      var html = current.html.citation + (current.html.bibliography ? "<br>" + current.html.bibliography : "");
      var text = current.text.citation + (current.text.bibliography ? "\n" + current.text.bibliography : "");
      copyRich(html, text).then(function (ok) {
        window.EditionCite.announce(ok ? "Copied the citation in " + current.title + ": " + text
                                       : "Copying is not available here. Citation: " + text);
      });
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (dialog.returnTo && dialog.returnTo.focus) { dialog.returnTo.focus(); }
    });
  }

  window.EditionCiteAnyStyle = {
    open: function (options) {
      base = options.base;
      return load(base + "csl/index.js").then(function () {
        return unpack(registry, "index");
      }).then(function (index) {
        if (typeof index === "string") { registry.index = JSON.parse(index); }
        if (!dialog) { build(); }
        dialog.dataset.stem = options.stem;
        dialog.returnTo = options.returnTo;
        dialog.querySelector("#cite-any-para").value = options.locator || "";
        dialog.showModal();
        dialog.querySelector("#cite-any-q").focus();
      });
    },
  };
}());
