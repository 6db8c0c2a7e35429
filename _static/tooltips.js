/* The header buttons' tooltips and the back-to-top button, in place of the theme's 81 kB Bootstrap bundle.
   The theme uses one Bootstrap component, the tooltip: on [data-bs-toggle="tooltip"] elements, and through
   window.bootstrap.Tooltip for the sidebar's collapse button (pydata-sphinx-theme.js). This file offers that
   much of Bootstrap's interface, with Bootstrap's markup and classes, so the theme's CSS draws it unchanged. */
"use strict";
(function () {
  var count = 0;
  var instances = [];
  var OPPOSITE = {top: "bottom", bottom: "top", left: "right", right: "left"};

  function Tooltip(el, options) {
    options = options || {};
    this.el = el;
    this.title = options.title || el.getAttribute("title") || el.getAttribute("data-bs-title")
      || el.getAttribute("data-bs-original-title") || "";
    this.placement = options.placement || el.getAttribute("data-bs-placement") || "top";
    this.fallbacks = options.fallbackPlacements || [OPPOSITE[this.placement]];
    this.offset = options.offset || [0, 6];  // Bootstrap's default: 6 px between the element and the arrow's tip
    this.delay = options.delay || {show: 0, hide: 0};
    this.id = "tooltip" + (++count);
    this.tip = null;
    this.timer = null;
    instances.push(this);
    // as Bootstrap does: the title moves out of the attribute so the browser's own tooltip stays hidden
    if (el.hasAttribute("title")) {
      if (!el.getAttribute("aria-label") && !el.textContent.trim()) { el.setAttribute("aria-label", this.title); }
      el.setAttribute("data-bs-original-title", this.title);
      el.removeAttribute("title");
    }
    if (options.trigger !== "manual") {
      var self = this;
      var later = function (action, wait) {
        return function () {
          clearTimeout(self.timer);
          self.timer = setTimeout(function () { self[action](); }, wait);
        };
      };
      el.addEventListener("mouseenter", later("show", this.delay.show));
      el.addEventListener("focusin", later("show", this.delay.show));
      el.addEventListener("mouseleave", later("hide", this.delay.hide));
      el.addEventListener("focusout", later("hide", this.delay.hide));
    }
  }

  Tooltip.prototype.show = function () {
    if (this.tip || !this.title || !this.el.isConnected) { return; }
    var tip = document.createElement("div");
    tip.className = "tooltip bs-tooltip-auto fade";
    tip.id = this.id;
    tip.setAttribute("role", "tooltip");
    var arrow = document.createElement("div");
    arrow.className = "tooltip-arrow";
    var inner = document.createElement("div");
    inner.className = "tooltip-inner";
    inner.textContent = this.title;
    tip.appendChild(arrow);
    tip.appendChild(inner);
    tip.style.position = "absolute";
    tip.style.inset = "0 auto auto 0";
    tip.style.margin = "0";
    document.body.appendChild(tip);
    this.tip = tip;
    this.place(arrow);
    this.el.setAttribute("aria-describedby", this.id);
    void tip.offsetWidth;  // a reflow first, so the fade-in runs
    tip.classList.add("show");
  };

  Tooltip.prototype.place = function (arrow) {
    var box = this.el.getBoundingClientRect();
    var width = this.tip.offsetWidth, height = this.tip.offsetHeight;
    var gap = this.offset[1], shift = this.offset[0];
    var fits = {
      top: box.top - gap - height >= 0,
      bottom: box.bottom + gap + height <= window.innerHeight,
      left: box.left - gap - width >= 0,
      right: box.right + gap + width <= window.innerWidth,
    };
    var side = [this.placement].concat(this.fallbacks).filter(function (p) { return fits[p]; })[0] || this.placement;
    var x, y;
    if (side === "top" || side === "bottom") {
      x = box.left + box.width / 2 - width / 2 + shift;
      x = Math.max(0, Math.min(x, document.documentElement.clientWidth - width));
      y = side === "top" ? box.top - gap - height : box.bottom + gap;
      arrow.style.position = "absolute";
      arrow.style.left = (box.left + box.width / 2 - x - arrow.offsetWidth / 2) + "px";
    } else {
      y = box.top + box.height / 2 - height / 2 + shift;
      x = side === "left" ? box.left - gap - width : box.right + gap;
      arrow.style.position = "absolute";
      arrow.style.top = (box.top + box.height / 2 - y - arrow.offsetHeight / 2) + "px";
    }
    this.tip.setAttribute("data-popper-placement", side);
    this.tip.style.transform = "translate(" + Math.round(x + window.scrollX) + "px, " + Math.round(y + window.scrollY) + "px)";
  };

  Tooltip.prototype.hide = function () {
    var tip = this.tip;
    if (!tip) { return; }
    this.tip = null;
    this.el.removeAttribute("aria-describedby");
    tip.classList.remove("show");
    setTimeout(function () { tip.remove(); }, 150);  // after the theme's .fade transition (0.15 s)
  };

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  window.bootstrap = {Tooltip: Tooltip};

  ready(function () {
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
      new Tooltip(el, {delay: {show: 500, hide: 100}});
    });
    document.addEventListener("keydown", function (e) {  // Escape dismisses a tooltip (WCAG 1.4.13)
      if (e.key === "Escape") { instances.forEach(function (t) { t.hide(); }); }
    });
    var top = document.getElementById("pst-back-to-top");
    var header = document.querySelector(".bd-header");
    if (top && header) {
      var bottom = header.getBoundingClientRect().bottom, last = window.scrollY;
      top.addEventListener("click", function () {
        document.body.scrollTop = 0;
        document.documentElement.scrollTop = 0;
      });
      window.addEventListener("scroll", function () {
        top.style.display = last > window.scrollY && window.scrollY > bottom ? "block" : "none";
        last = window.scrollY;
      });
    }
  });
})();
