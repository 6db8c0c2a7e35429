/* Draw every chart on the page from its JSON. A click on a point that names paragraphs opens the paragraph,
   or, where both essays discuss it, a small list of links to choose from (Escape or a click elsewhere closes it). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var PARAGRAPH = /^chapters\/([a-z]+)\.html#([a-z]+)-(f?\d+)$/;
  var menu = null;

  function closeMenu() {
    if (menu) { menu.remove(); menu = null; }
  }

  function label(href) {
    var m = PARAGRAPH.exec(href);
    return m[2].charAt(0).toUpperCase() + m[2].slice(1) + " \u00b6 " + m[3];
  }

  function openMenu(el, hrefs, event) {
    closeMenu();
    var box = el.getBoundingClientRect();
    menu = document.createElement("nav");
    menu.className = "chart-menu";
    menu.setAttribute("aria-label", "Read in the essays");
    var list = document.createElement("ul");
    hrefs.forEach(function (href) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = el.dataset.root + href;
      link.textContent = label(href);
      item.appendChild(link);
      list.appendChild(item);
    });
    menu.appendChild(list);
    var x = event && event.clientX !== undefined ? event.clientX - box.left : box.width / 2;
    var y = event && event.clientY !== undefined ? event.clientY - box.top : box.height / 2;
    menu.style.left = Math.max(0, Math.min(x, box.width - 160)) + "px";
    menu.style.top = y + "px";
    el.appendChild(menu);
    menu.querySelector("a").focus();
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && menu) { closeMenu(); }
  });
  document.addEventListener("click", function (e) {
    if (menu && !menu.contains(e.target) && !e.target.closest(".js-plotly-plot")) { closeMenu(); }
  });

  document.querySelectorAll("script.chart-spec").forEach(function (script) {
    var el = document.getElementById(script.dataset.chart);
    if (!el || typeof Plotly === "undefined") { return; }
    var spec = JSON.parse(script.textContent);
    var config = {responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"]};
    Plotly.newPlot(el, spec.data, spec.layout, config).then(function () {
      el.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var cd = point && point.customdata;
        var last = Array.isArray(cd) ? cd[cd.length - 1] : null;
        var hrefs = typeof last === "string" ? last.split(" ").filter(function (h) { return PARAGRAPH.test(h); }) : [];
        if (hrefs.length === 1) {
          window.location.href = el.dataset.root + hrefs[0];
        } else if (hrefs.length > 1) {
          openMenu(el, hrefs, event.event);
        }
      });
    });
  });
});
