// Issue 13's table, answered from the measures' figures: one row per row of the issue, with
// the figure now (median, min, max), its target and stretch, the figure when the issue was
// filed, and whether the target is met. run.mjs prints it at the top of the report.
//
// Every figure comes from what a measure returned in `data` (see each measure); nothing is
// measured here. A row whose measure did not run (--only) says "not measured"; one whose
// measure failed says so.
//
// Units: KB = 1,000 bytes (or characters), the stricter reading of the issue's "300 KB" and
// "64 KB". Ratios: "now" is the measure's own ratio of the two medians; min and max are the
// ratio within each run's pair (the two pages or shops measured back to back in one run).

import { markdownTable, median, round } from './lib.mjs';

export const ISSUE_13_TITLE = 'Issue 13 targets';
const KB = 1000;

const fmt = {
  int: (n) => Math.round(n).toLocaleString('en-US'),
  kb: (bytes) => `${(bytes / KB).toFixed(1)} KB`,
  ms: (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`,
  s: (ms) => `${(ms / 1000).toFixed(2)} s`,
  x: (ratio) => `${ratio.toFixed(2)}x`,
};

/** Per-run ratios of two equally long sample lists (runs paired by index), or null. */
function pairRatios(top, bottom) {
  if (!top || !bottom || top.length === 0 || top.length !== bottom.length) return null;
  const ratios = top.map((value, i) => value / bottom[i]);
  return { min: round(Math.min(...ratios), 2), max: round(Math.max(...ratios), 2), median: round(median(ratios), 2) };
}

/** A row's reading of a ratio: the measure's ratio of medians, min and max of the run pairs. */
function ratioFigure(ratio, top, bottom) {
  const pairs = pairRatios(top?.samples, bottom?.samples);
  return {
    value: ratio,
    now: `${fmt.x(ratio)} (${fmt.ms(top.median)} vs ${fmt.ms(bottom.median)})`,
    min: pairs ? fmt.x(pairs.min) : '',
    max: pairs ? fmt.x(pairs.max) : '',
    runs: top.runs,
  };
}

function timeFigure(stat, format = fmt.ms) {
  return { value: stat.median, now: format(stat.median), min: format(stat.min), max: format(stat.max), runs: stat.runs };
}

/** The history measure's shop size, when it is not the issue's 2,000 orders. */
function ordersCaveat(data) {
  return data.historyOrders === 2000 ? '' : ` (**${fmt.int(data.historyOrders)} orders, not 2,000**)`;
}

/**
 * The rows. `read(data)` returns { value, now, min, max, runs?, note? } from the measure's
 * data, or { missing: why } when the measure ran but could not give this figure; `met(value)`
 * and `stretchMet(value)` compare the value with the target and the stretch.
 */
const ROWS = [
  {
    figure: 'first load, every file the home page needs (brotli)',
    filed: '665 KB',
    target: '<= 300 KB',
    stretch: '<= 150 KB',
    measure: 'bundle-size',
    read: (d) => ({
      value: d.firstLoad.brotli,
      now: `${fmt.kb(d.firstLoad.brotli)} (${fmt.int(d.firstLoad.brotli)} bytes)`,
      min: 'exact',
      max: 'exact',
    }),
    met: (bytes) => bytes <= 300 * KB,
    stretchMet: (bytes) => bytes <= 150 * KB,
  },
  {
    figure: 'home page to first product cards, emulated slow 4G (1.6 Mbps down, 150 ms RTT, 4x CPU slowdown)',
    filed: 'about 5.0 s, a spinner all along',
    target: '<= 2.5 s, with a skeleton of the grid from the first paint',
    stretch: '<= 1.5 s',
    measure: 'slow-4g',
    read: (d) => {
      const { runs, of } = d.skeletonAtFcp;
      return {
        ...timeFigure(d.figures.firstCard, fmt.s),
        value: { ms: d.figures.firstCard.median, skeletonEveryRun: of > 0 && runs === of },
        now: `${fmt.s(d.figures.firstCard.median)}; skeleton at first contentful paint in ${runs} of ${of} runs`,
      };
    },
    met: (v) => v.ms <= 2500 && v.skeletonEveryRun,
    stretchMet: (v) => v.ms <= 1500 && v.skeletonEveryRun,
  },
  {
    figure: 'cold load to `app-mounted` against the static page with the same shell',
    filed: '3.2x',
    target: '<= 1.5x',
    stretch: '',
    measure: 'cold-load',
    read: (d) => ratioFigure(d.ratio, d.app, d.static),
    met: (ratio) => ratio <= 1.5,
  },
  {
    figure: '10,000 products, first page of cards against the vanilla page',
    filed: '1.78x',
    target: '<= 1.3x',
    stretch: '',
    measure: 'storefront',
    read: (d) => ratioFigure(d.figures.firstPage.ratio, d.figures.firstPage.app, d.figures.firstPage.vanilla),
    met: (ratio) => ratio <= 1.3,
  },
  {
    figure: '2,000-order history: app start (after a reload, history saved) against an empty shop',
    filed: '904 ms vs 184 ms (4.9x)',
    target: '<= 1.5x',
    stretch: '',
    measure: 'history',
    read: (d) => {
      const { empty, history } = d.figures.reload;
      if (!d.historySaved || !history || !empty) {
        return { missing: 'not measurable: the history did not fit in localStorage, so a reload would not start from it' };
      }
      const ratio = round(history.median / empty.median, 2);
      const figure = ratioFigure(ratio, history, empty);
      // The first page comes before the history is read; say when the shop has caught up.
      const caught = d.figures.reloadCaughtUp;
      const caughtUp = caught?.history && caught?.empty
        ? `; caught up with what fell due at ${fmt.ms(caught.history.median)} vs ${fmt.ms(caught.empty.median)}`
        : '';
      return { ...figure, now: `${fmt.ms(history.median)} vs ${fmt.ms(empty.median)} (${fmt.x(ratio)})${caughtUp}${ordersCaveat(d)}` };
    },
    met: (ratio) => ratio <= 1.5,
  },
  {
    figure: '2,000 orders: clock +1 year',
    filed: '2.6 to 4.3 s',
    target: '<= 500 ms',
    stretch: '',
    measure: 'history',
    read: (d) => {
      const figure = timeFigure(d.figures.clock.history);
      return { ...figure, now: `${figure.now}${ordersCaveat(d)}` };
    },
    met: (ms) => ms <= 500,
  },
  {
    figure: '2,000 orders: clock +1 year, characters written to storage',
    filed: '13.3 million in 141 saves',
    target: '<= 1 million',
    stretch: '',
    measure: 'history',
    read: (d) => {
      if (!d.clockWrites) return { missing: 'this history result has no totals of the clock\'s writes' };
      const { chars, setItems, aggregateWrites } = d.clockWrites;
      const c = chars.history;
      return {
        value: c.median,
        now: `${fmt.int(c.median)} in ${fmt.int(setItems.history.median)} setItem calls (${fmt.int(aggregateWrites.history.median)} of them values, the rest lineage records and journals)${ordersCaveat(d)}`,
        min: fmt.int(c.min),
        max: fmt.int(c.max),
        runs: c.runs,
      };
    },
    met: (chars) => chars <= 1e6,
  },
  {
    figure: '16,556 inbox messages: inbox page painted',
    filed: '1.9 to 3.2 s',
    target: '<= 100 ms',
    stretch: '',
    measure: 'history',
    read: (d) => {
      const figure = timeFigure(d.figures.inbox.history);
      const listed = d.inboxMessages ? [...new Set(d.inboxMessages.history)].map(fmt.int).join(' / ') : null;
      return { ...figure, now: `${figure.now}${listed ? ` (${listed} messages listed)` : ''}${ordersCaveat(d)}` };
    },
    met: (ms) => ms <= 100,
  },
  ...[
    ['markRead', 'mark one message read'],
    ['payInstalment', 'pay one instalment'],
  ].map(([key, what], i) => ({
    figure: `one change in a long history: ${what}, characters written`,
    filed: i === 0 ? 'the whole aggregate (347k characters for the inbox)' : 'the whole aggregate',
    target: '<= 64 KB',
    stretch: '',
    measure: 'history',
    read: (d) => {
      const save = d.saves?.changeTotals?.[key]?.history;
      if (!save) return { missing: 'this history result has no totals of the single changes' };
      if (save.unavailable) return { missing: `not measured: ${save.unavailable}` };
      const keys = Object.keys(save.saved).map((k) => `\`${k}\``).join(', ');
      return {
        value: save.chars,
        now: `${fmt.int(save.chars)} characters in ${save.writes} setItem calls (${keys})${ordersCaveat(d)}`,
        min: 'one save',
        max: 'one save',
        runs: 1,
      };
    },
    met: (chars) => chars <= 64 * KB,
  })),
];

/** measures: report.measures (name -> { title, ...data } or { error }). */
export function issue13Targets(measures) {
  const rows = ROWS.map((row) => {
    const base = { figure: row.figure, filed: row.filed, target: row.target, stretch: row.stretch, measure: row.measure };
    const data = measures[row.measure];
    if (!data) return { ...base, status: 'not measured', now: 'not measured', min: '', max: '', met: null };
    if (data.error) {
      return { ...base, status: 'failed', error: data.error, now: `could not be measured: the ${row.measure} measure failed (below)`, min: '', max: '', met: null };
    }
    let reading;
    try {
      reading = row.read(data);
    } catch (error) {
      reading = { missing: `could not be read from the ${row.measure} figures: ${error.message}` };
    }
    if (reading.missing) return { ...base, status: 'not measured', now: reading.missing, min: '', max: '', met: null };
    return {
      ...base,
      status: 'measured',
      ...reading,
      met: row.met(reading.value),
      stretchMet: row.stretchMet ? row.stretchMet(reading.value) : null,
    };
  });
  return rows;
}

export function issue13Markdown(rows) {
  const metCell = (r) => {
    if (r.met === null) return '';
    if (!r.met) return '**no**';
    return r.stretchMet ? '**yes** (stretch too)' : '**yes**';
  };
  const table = markdownTable(
    ['figure', 'now (median)', 'min', 'max', 'target', 'stretch', 'when filed', 'target met'],
    rows.map((r) => [r.figure, r.now, r.min, r.max, r.target, r.stretch, r.filed, metCell(r)]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  const notes = [
    'From the measures below (their sections give the runs, the spread and how each figure is taken). KB = 1,000 bytes or characters. Ratios: "now" is the ratio of the two medians; min and max are the ratio within each run\'s pair, measured back to back. Characters written: every `localStorage.setItem`, lineage records (`<key>.lineage`) and the journal (`bnpl.journal`) included; the single changes are one save each, in the history measure\'s warm-up.',
  ];
  // Each failed measure's reason once, not in every row it leaves empty.
  const failures = new Map(rows.filter((r) => r.error).map((r) => [r.measure, r.error.split('\n')[0]]));
  for (const [measure, error] of failures) notes.push(`**The ${measure} measure failed**: ${error}`);
  return `${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}`;
}
