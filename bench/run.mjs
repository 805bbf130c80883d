// bnpl-market benchmark: runs every measure in bench/measures/index.mjs against the release
// bundle, prints a markdown report and writes the same figures as JSON to
// target/bench/results.json (and the markdown to target/bench/results.md). The report opens
// with issue 13's table of targets, filled from the measures' figures (bench/targets.mjs).
// A report, not a test: it never fails on a figure, only when a figure cannot be taken.
//
//   node bench/run.mjs [--runs N] [--only name,name]
//   env: BENCH_DIST (default dist), BENCH_BASE_PATH (default /, the PUBLIC_URL the bundle
//        was built for), BENCH_RUNS (default 15, at least 10), BENCH_PROFILE_WASM (the wasm
//        the size profile reads; default cargo's output under CARGO_TARGET_DIR or target/),
//        BENCH_HISTORY_RUNS and BENCH_HISTORY_ORDERS (bench/measures/history.mjs)

import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import measures from './measures/index.mjs';
import { ISSUE_13_TITLE, issue13Markdown, issue13Targets } from './targets.mjs';
import { startStaticServer, normalizeBasePath } from '../tests/e2e/static-server.mjs';
import { launchChromium, CHROMIUM_PATH } from '../tests/e2e/support/chromium.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_DIR = path.join(REPO_ROOT, 'target/bench');
const MIN_RUNS = 10;

function parseOptions(argv) {
  const options = {
    distDir: path.resolve(REPO_ROOT, process.env.BENCH_DIST ?? 'dist'),
    basePath: normalizeBasePath(process.env.BENCH_BASE_PATH ?? '/'),
    runs: Number(process.env.BENCH_RUNS ?? 15),
    only: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--only') options.only = new Set(argv[++i].split(','));
    else throw new Error(`unknown argument ${argv[i]} (expected --runs N or --only name,name)`);
  }
  if (!Number.isInteger(options.runs) || options.runs < MIN_RUNS) {
    throw new Error(`runs must be a whole number of at least ${MIN_RUNS}, got ${options.runs}`);
  }
  return options;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const indexPath = path.join(options.distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} not found: build the bundle first (make bench does)`);
  const selected = measures.filter((m) => !options.only || options.only.has(m.name));
  if (selected.length === 0) throw new Error(`no measure matches --only; known: ${measures.map((m) => m.name).join(', ')}`);

  // Measures may add pages (the static shell) to what is served: they get a scratch copy.
  const siteDir = path.join(OUTPUT_DIR, 'site');
  await rm(siteDir, { recursive: true, force: true });
  await mkdir(OUTPUT_DIR, { recursive: true });
  await cp(options.distDir, siteDir, { recursive: true });

  const context = {
    distDir: options.distDir,
    siteDir,
    indexHtml: await readFile(indexPath, 'utf8'),
    basePath: options.basePath,
    runs: options.runs,
  };
  if (selected.some((m) => m.needsBrowser)) {
    context.server = await startStaticServer({ root: siteDir, basePath: options.basePath });
    context.browser = await launchChromium();
  }

  const cpus = os.cpus();
  const report = {
    generatedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      chromium: context.browser ? context.browser.version() : null,
      chromiumPath: CHROMIUM_PATH,
      cpu: cpus[0]?.model ?? 'unknown',
      cpuCount: cpus.length,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: { dist: path.relative(REPO_ROOT, options.distDir), basePath: options.basePath, runs: options.runs },
    measures: {},
  };
  const sections = [];
  let failed = false;
  try {
    for (const measure of selected) {
      process.stderr.write(`bench: ${measure.name}...\n`);
      try {
        const { markdown, data } = await measure.run(context);
        report.measures[measure.name] = { title: measure.title, ...data };
        sections.push(`## ${measure.title}\n\n${markdown}`);
      } catch (error) {
        failed = true;
        report.measures[measure.name] = { title: measure.title, error: error.message };
        sections.push(`## ${measure.title}\n\nCould not be measured: ${error.message}`);
      }
    }
  } finally {
    await context.browser?.close();
    await context.server?.close();
  }

  report.issue13 = issue13Targets(report.measures);
  const env = report.environment;
  const markdown = [
    '# bnpl-market benchmark',
    '',
    `${report.generatedAt} · ${env.cpuCount} x ${env.cpu} · Node ${env.node}${env.chromium ? ` · Chromium ${env.chromium}` : ''} · bundle \`${report.settings.dist}\` served at \`${report.settings.basePath}\` · ${report.settings.runs} runs`,
    '',
    `## ${ISSUE_13_TITLE}`,
    '',
    issue13Markdown(report.issue13),
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
  await writeFile(path.join(OUTPUT_DIR, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(OUTPUT_DIR, 'results.md'), markdown);
  process.stdout.write(markdown);
  process.stderr.write(`bench: figures written to ${path.relative(REPO_ROOT, path.join(OUTPUT_DIR, 'results.json'))}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(1);
});
