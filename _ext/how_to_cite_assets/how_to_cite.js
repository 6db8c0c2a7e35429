/* Citing the edition: copy buttons for the how-to-cite citations, and ¶ numbers that copy a paragraph's
   address with a pinpoint citation. Every result is announced in a live region. Without this script the
   citations stay readable text and each ¶ number stays an ordinary link. */
(function () {
  "use strict";

  var status = null;
  var hideTimer = 0;
  // This script's folder (_static/), from which "Cite in another style" and its styles load on demand.
  var base = (document.currentScript && document.currentScript.src || "").replace(/[^\/]*$/, "");
  // Without a public address, a page served over http(s) cites the address it is read at: the site's root is
  // the folder above _static/. From file:// the citations keep saying that the edition has no address.
  var served = /^https?:$/.test(window.location.protocol);
  var siteRoot = base.replace(/_static\/$/, "");

  function here(relative) {
    return relative === "index.html" ? siteRoot : siteRoot + relative;
  }

  function fillInAddresses() {
    var section = document.querySelector(".how-to-cite[data-relative-page]");
    if (!served || !section) { return; }
    var relative = section.getAttribute("data-relative-page");
    var walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    var pattern = new RegExp("(^|\\s)" + relative.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=[#.,;]?(\\s|$))", "g");
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentNode.closest(".cite-text")) {
        node.nodeValue = node.nodeValue.replace(pattern, function (m, space) { return space + here(relative); });
      }
    }
  }

  function announce(message, extra) {
    if (!status) {
      status = document.createElement("div");
      status.className = "ed cite-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = "";
    // Emptying first and refilling a moment later makes screen readers repeat an identical message.
    window.setTimeout(function () {
      status.textContent = message;
      if (extra) { status.appendChild(document.createTextNode(" ")); status.appendChild(extra); }
      status.classList.add("shown");
    }, 30);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () { status.classList.remove("shown"); }, extra ? 20000 : 6000);
  }

  function fallbackCopy(text) {
    var active = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "cite-scratch";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    if (active && active.focus) { active.focus(); }
    return ok;
  }

  // Rich text (text/html keeps the titles' italics in a word processor) with plain text beside it.
  function copy(text, html) {
    if (html && navigator.clipboard && navigator.clipboard.write && window.ClipboardItem && window.isSecureContext) {
      var item = new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      });
      return navigator.clipboard.write([item]).then(
        function () { return true; },
        function () { return copy(text); });
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function report(ok, what, text, extra) {
    announce(ok ? "Copied " + what + ": " + text
                : "Copying is not available here. " + what.charAt(0).toUpperCase() + what.slice(1) + ": " + text,
             extra);
  }

  function stem() {
    var section = document.querySelector(".how-to-cite[id^='how-to-cite-']");
    return section ? section.id.slice("how-to-cite-".length) : null;
  }

  function anyStyleButton(locator) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy cite-any-open";
    button.textContent = "Cite in another style";
    if (locator) { button.setAttribute("aria-label", "Cite ¶ " + locator + " in another style"); }
    button.addEventListener("click", function () {
      var s = document.createElement("script");
      var open = function () {
        window.EditionCiteAnyStyle.open({ base: base, stem: stem(), locator: locator, returnTo: button })
          .catch(function (e) { announce("The list of styles could not be loaded (" + e.message + ")."); });
      };
      if (window.EditionCiteAnyStyle) { open(); return; }
      s.src = base + "cite_any_style.js";
      s.onload = open;
      s.onerror = function () { announce("The list of styles could not be loaded."); };
      document.head.appendChild(s);
    });
    return button;
  }

  window.EditionCite = { announce: announce };

  function paragraphCitation(link) {
    var id = link.getAttribute("data-para");
    var label = id.slice(id.lastIndexOf("-") + 1);
    var section = document.querySelector("[data-pinpoint]");
    var local = section && served && section.getAttribute("data-pinpoint-here");
    var page = (section && section.getAttribute("data-page-url"))
      || (local ? here(section.getAttribute("data-relative-page")) : window.location.href.split("#")[0]);
    var url = page + "#" + id;
    var template = section && (local || section.getAttribute("data-pinpoint"));
    var text = template ? template.split("{n}").join(label).split("{url}").join(url) : url;
    // The Chicago note's italics: the edition's title is the text between "in " and ", version".
    var html = text.replace(/[&<>]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]; })
      .replace(/(, in )(.+?)(, version )/, "$1<i>$2</i>$3");
    return { label: label, text: text, html: html };
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.para-num[data-para]");
    if (!link) { return; }
    var cited = paragraphCitation(link);
    copy(cited.text, cited.html).then(function (ok) {
      report(ok, "a citation of ¶ " + cited.label, cited.text, stem() ? anyStyleButton(cited.label) : null);
    });
  });

  document.addEventListener("keydown", function (event) {
    // Links answer Enter by themselves; Space should act on a ¶ number too, not scroll the page.
    if (event.key !== " " || !event.target.matches || !event.target.matches("a.para-num[data-para]")) { return; }
    event.preventDefault();
    event.target.click();
  });

  function addCopyButtons() {
    var texts = document.querySelectorAll(".how-to-cite .cite-text");
    Array.prototype.forEach.call(texts, function (p) {
      var dd = p.closest("dd");
      var dt = dd && dd.previousElementSibling;
      var name = dt ? dt.textContent.trim() : "citation";
      var text = p.textContent.trim();
      var html = p.innerHTML.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy " + name);
      button.addEventListener("click", function () {
        copy(text, html).then(function (ok) { report(ok, name, text); });
      });
      p.appendChild(document.createTextNode(" "));
      p.appendChild(button);
    });
  }

  function addAnyStyle() {
    var tip = document.querySelector(".how-to-cite .cite-tip");
    if (tip && stem() !== "edition") { tip.parentNode.insertBefore(anyStyleButton(""), tip.nextSibling); }
  }

  function ready() { fillInAddresses(); addCopyButtons(); addAnyStyle(); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
