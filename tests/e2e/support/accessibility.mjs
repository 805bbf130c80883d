// axe-core audits. We inject axe.min.js ourselves (no @axe-core/playwright needed) and
// fail on serious or critical violations; moderate and minor ones are reported, not fatal.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

function describeViolation(violation) {
  const nodes = violation.nodes.slice(0, 5).map((node) => {
    const summary = (node.failureSummary ?? '').split('\n').map((line) => `        ${line.trim()}`).join('\n');
    return `    - at ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n${summary}`;
  });
  const more = violation.nodes.length > 5 ? `\n    ... and ${violation.nodes.length - 5} more elements` : '';
  return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes.join('\n')}${more}`;
}

export function formatViolations(label, violations) {
  return `${violations.length} accessibility violation(s) on ${label}:\n${violations.map(describeViolation).join('\n')}`;
}

/**
 * Runs axe on the whole document. Returns { blocking, other } lists of violations;
 * the caller decides what to do (assertAccessible throws on blocking ones).
 */
export async function auditAccessibility(page) {
  const loaded = await page.evaluate(() => typeof window.axe?.run === 'function');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact));
  const other = results.violations.filter((v) => !BLOCKING_IMPACTS.has(v.impact));
  return { blocking, other };
}
