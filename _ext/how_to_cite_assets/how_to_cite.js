/* Citing the edition: copy buttons for the how-to-cite citations, and ¶ numbers that copy a paragraph's
   address with a pinpoint citation. Every result is announced in a live region. Without this script the
   citations stay readable text and each ¶ number stays an ordinary link. */
(function () {
  "use strict";

  var status = null;
  var hideTimer = 0;

  function announce(message) {
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
      status.classList.add("shown");
    }, 30);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () { status.classList.remove("shown"); }, 6000);
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

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function report(ok, what, text) {
    announce(ok ? "Copied " + what + "."
                : "Copying is not available here. " + what.charAt(0).toUpperCase() + what.slice(1) + ": " + text);
  }

  function paragraphCitation(link) {
    var id = link.getAttribute("data-para");
    var label = id.slice(id.lastIndexOf("-") + 1);
    var section = document.querySelector("[data-pinpoint]");
    var page = (section && section.getAttribute("data-page-url")) || window.location.href.split("#")[0];
    var url = page + "#" + id;
    var text = section ? section.getAttribute("data-pinpoint").split("{n}").join(label).split("{url}").join(url) : url;
    return { label: label, text: text };
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.para-num[data-para]");
    if (!link) { return; }
    var cited = paragraphCitation(link);
    copy(cited.text).then(function (ok) {
      report(ok, "the address and a citation of ¶ " + cited.label, cited.text);
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
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy " + name);
      button.addEventListener("click", function () {
        copy(text).then(function (ok) { report(ok, name, text); });
      });
      p.appendChild(document.createTextNode(" "));
      p.appendChild(button);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addCopyButtons);
  } else {
    addCopyButtons();
  }
}());
