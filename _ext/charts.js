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

  // A chart that gives way to its tables on a phone (charts.css) gets them as lists: for each row, its first
  // filled cell in bold, then each other filled cell after its column's name. The cells' own nodes are copied.
  document.querySelectorAll(".chart-phone").forEach(function (box) {
    box.closest("figure").querySelectorAll(".chart-data table").forEach(function (table) {
      var title = document.createElement("p");
      title.className = "chart-phone-title";
      title.textContent = table.caption ? table.caption.textContent : "";
      var columns = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
      var list = document.createElement("ol");
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var item = document.createElement("li");
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (!cell.hasChildNodes()) { return; }
          var copy = document.createDocumentFragment();
          cell.childNodes.forEach(function (child) { copy.appendChild(child.cloneNode(true)); });
          if (!item.hasChildNodes()) {
            var first = document.createElement("strong");
            first.appendChild(copy);
            item.appendChild(first);
            return;
          }
          var key = document.createElement("span");
          key.className = "chart-phone-key";
          key.textContent = columns[i] + ":";
          item.append(document.createElement("br"), key, " ", copy);
        });
        list.appendChild(item);
      });
      box.append(title, list);
    });
  });

  document.querySelectorAll("script.chart-spec").forEach(function (script) {
    var el = document.getElementById(script.dataset.chart);
    if (!el || typeof Plotly === "undefined") { return; }
    var spec = JSON.parse(script.textContent);
    var template = document.getElementById(script.dataset.template);
    if (template) { spec.layout.template = JSON.parse(template.textContent); }
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
