// An esbuild plugin that lets esbuild drop the Chart.js scales the charts never register.
//
// web/views/chart_setup.js imports only the controllers, elements, scales and plugins the course's
// charts use, and esbuild drops every other class of chart.js — except three whose declarations it
// must assume have side effects, because a static field reads a property of another object (a
// getter could run): RadialLinearScale (`callback: Ticks.formatters.numeric` in its defaults) and
// TimeSeriesScale (`static defaults = TimeScale.defaults`), which keeps TimeScale too. Rewritten as
// a function and a getter that read the same value when called, the three are dropped:
// Chart.js's chunk goes 184.4 → 167.9 KB raw, 56.0 → 51.3 KB Brotli, on the lab's first load and
// in the widgets' Chart.js chunk. A chart that did register them would behave the same.
//
// Each rewrite must match exactly once in the chart.js version installed; if a Chart.js update
// changes the source, the build fails here rather than silently shipping the larger chunk.
import fs from 'node:fs';

const REWRITES = [
  // RadialLinearScale.defaults.ticks (Chart.js calls ticks.callback with the scale as `this`)
  [/(static defaults = \{\s*display: true,\s*animate: true,\s*position: 'chartArea',[\s\S]*?)callback: Ticks\.formatters\.numeric/,
    '$1callback(...args) { return Ticks.formatters.numeric.apply(this, args); }'],
  // TimeSeriesScale
  [/static defaults = TimeScale\.defaults;/, 'static get defaults() { return TimeScale.defaults; }'],
];

export const chartjsShake = {
  name: 'chartjs-shake',
  setup(build) {
    build.onLoad({ filter: /[\\/]chart\.js[\\/]dist[\\/]chart\.js$/ }, (args) => {
      let source = fs.readFileSync(args.path, 'utf8');
      for (const [pattern, replacement] of REWRITES) {
        const hits = source.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
        if (hits !== 1) throw new Error(`web/site/chartjs_shake.mjs: ${pattern} matches ${hits} times in ${args.path}, expected once — update the rewrite for this Chart.js version`);
        source = source.replace(pattern, replacement);
      }
      return { contents: source, loader: 'js' };
    });
  },
};
