/* Reading modes and folded editors' notes. The mode is chosen with the page's "Show" control and kept in
   localStorage, so it holds across pages and visits; the head of the page applies it before drawing.
   Where the notes cannot stand in the margin (narrow screens), each editors' note folds behind its letter,
   which opens and closes it in place. Without this script the control stays hidden and everything shows. */
(function () {
  "use strict";

  var root = document.documentElement;
  var select = document.getElementById("reading-mode-select");
  var KEY = select ? select.getAttribute("data-storage") : "edition-reading-mode";
  var narrow = window.matchMedia("(max-width: 74.99em)");

  function store(mode) {
    try { localStorage.setItem(KEY, mode); } catch (e) { /* storage refused (private mode): the choice lasts this page */ }
  }

  if (select) {
    var known = Array.prototype.map.call(select.options, function (o) { return o.value; });
    var mode = known.indexOf(root.dataset.reading) >= 0 ? root.dataset.reading : known[0];
    root.dataset.reading = mode;
    select.value = mode;
    select.closest(".reading-mode").hidden = false;
    select.addEventListener("change", function () {
      root.dataset.reading = select.value;
      store(select.value);
    });
  }
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && event.newValue) {
      root.dataset.reading = event.newValue;
      if (select) select.value = event.newValue;
    }
  });

  root.classList.add("reading-js");
  // The book theme hides its page contents while margin notes are in view, and fails on a page that has none
  // (an essay without headings): give such a page an empty, hidden one.
  if (document.querySelector(".ednote.margin") && !document.querySelector("div.bd-sidebar-secondary")) {
    var empty = document.createElement("div");
    empty.className = "bd-sidebar-secondary";
    empty.hidden = true;
    document.body.appendChild(empty);
  }
  var letters = document.querySelectorAll(".ednote-mark a[href^='#']");

  function boxOf(letter) {
    var target = document.getElementById(letter.getAttribute("href").slice(1));
    return target && target.closest(".ednote");
  }

  function layout() {
    letters.forEach(function (letter) {
      var box = boxOf(letter);
      if (!box) return;
      if (narrow.matches) {
        letter.setAttribute("aria-expanded", box.classList.contains("ednote-open") ? "true" : "false");
        if (box.id) letter.setAttribute("aria-controls", box.id);
      } else {
        letter.removeAttribute("aria-expanded");
      }
    });
  }

  letters.forEach(function (letter) {
    var box = boxOf(letter);
    if (!box) return;
    if (!box.id) box.id = letter.getAttribute("href").slice(1) + "-box";
    letter.addEventListener("click", function (event) {
      if (!narrow.matches) return;
      event.preventDefault();
      var open = box.classList.toggle("ednote-open");
      letter.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
  // In the margin a note's sources fold behind a button; narrower, the whole note is folded behind its letter.
  document.querySelectorAll(".para > .ednote .ednote-sources").forEach(function (sources, i) {
    var box = sources.closest(".ednote");
    if (!sources.id) sources.id = "ednote-sources-" + (i + 1);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sources-toggle";
    button.textContent = "Sources";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", sources.id);
    button.addEventListener("click", function () {
      var open = box.classList.toggle("sources-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    var back = sources.nextElementSibling;
    (back || sources).insertAdjacentElement(back ? "afterbegin" : "afterend", button);
  });
  layout();
  if (narrow.addEventListener) narrow.addEventListener("change", layout);

  // A link to an editors' note (from the comparison chapter, or a pasted address) opens it.
  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var box = target && target.closest(".ednote");
    if (box) {
      box.classList.add("ednote-open");
      layout();
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
})();
