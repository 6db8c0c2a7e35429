/* The plotly.js the edition's charts load: plotly.js's core (src/core.js) with the parts the charts use, bundled
   by esbuild from npm's plotly.js sources (_ext/charts.py builds it). Plotly's basic bundle also carries the pie
   trace, world calendars, sliders, range sliders and selectors, images and error bars, which no chart draws:
   leaving them out saves a tenth of its bytes on every chart page. A chart that needs another trace type or
   component fails the build (_ext/charts.py, unbundled) until it is added here and there.
   plotly.js: Copyright 2012-2026 Plotly, Inc.; MIT licence (node_modules/plotly.js/LICENSE). */
"use strict";

var Registry = require("plotly.js/src/registry");
var plotApi = require("plotly.js/src/plot_api");

require("native-promise-only");
require("plotly.js/build/plotcss");

var Plotly = {version: require("plotly.js/src/version").version, register: Registry.register};
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== "_") { Plotly[name] = plotApi[name]; }
  Registry.register({moduleType: "apiMethod", name: name, fn: plotApi[name]});
});

Registry.register(require("plotly.js/src/traces/scatter"));
// In src/core.js's order: legend after shapes, fx after legend (their defaults depend on them).
Registry.register([
  require("plotly.js/src/components/annotations"),
  require("plotly.js/src/components/selections"),
  require("plotly.js/src/components/shapes"),
  require("plotly.js/src/components/updatemenus"),
  require("plotly.js/src/components/grid"),
  require("plotly.js/src/components/colorscale"),
  require("plotly.js/src/components/colorbar"),
  require("plotly.js/src/components/legend"),
  require("plotly.js/src/components/fx"),
  require("plotly.js/src/components/modebar"),
]);
Registry.register([require("plotly.js/src/locale-en"), require("plotly.js/src/locale-en-us")]);
Registry.register([require("plotly.js/lib/bar")]);

Plotly.Icons = require("plotly.js/src/fonts/ploticon");
var Plots = require("plotly.js/src/plots/plots");
var Fx = require("plotly.js/src/components/fx");
Plotly.Plots = {resize: Plots.resize, graphJson: Plots.graphJson};
Plotly.Fx = {hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover};
module.exports = Plotly;
