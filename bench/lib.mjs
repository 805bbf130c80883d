// Small helpers shared by the benchmark measures: statistics, number formatting, tables,
// time limits.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(values) {
  return {
    runs: values.length,
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    // Not .map(round): map's second argument, the index, would become the digits.
    samples: values.map((value) => round(value)),
  };
}

export function round(value, digits = 1) {
  return Number(value.toFixed(digits));
}

export function formatBytes(bytes) {
  return bytes.toLocaleString('en-US');
}

export function formatKiB(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** rows: arrays of cells; align: 'l' or 'r' per column. */
export function markdownTable(headers, rows, align = headers.map(() => 'l')) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const rule = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}

/** `promise`, or a rejection naming `what` if it has not settled within `ms`. */
export function withTimeout(promise, what, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
