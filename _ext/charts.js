/* Draw every chart on the page from its JSON; a click on a point with a paragraph link opens that paragraph. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("script.chart-spec").forEach(function (script) {
    var el = document.getElementById(script.dataset.chart);
    if (!el || typeof Plotly === "undefined") { return; }
    var spec = JSON.parse(script.textContent);
    var config = {responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"]};
    Plotly.newPlot(el, spec.data, spec.layout, config).then(function () {
      el.on("plotly_click", function (event) {
        var cd = event.points && event.points[0] && event.points[0].customdata;
        var link = Array.isArray(cd) ? cd[cd.length - 1] : null;
        if (typeof link === "string" && /^chapters\/[a-z]+\.html#[a-z]+-f?\d+$/.test(link)) {
          window.location.href = el.dataset.root + link;
        }
      });
    });
  });
});
