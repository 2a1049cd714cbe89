#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's own test runner (Node 20 has no --test globs), or those
// whose path contains one of the arguments.
//
// Beside the spec reporter (for people) it runs scripts/test-results-reporter.mjs, which records every test and
// suite with its file, full name and outcome. From that this script prints what was skipped (tests and suites,
// `skip` and `todo` alike), a closing count that includes skipped suites, and checks the skips against
// test/skip-allow-list.json: in CI (CI=true) or with --strict-skips, a skip that is not listed there, or a listed
// one that no longer skips, fails the run. Elsewhere they are reported and the run passes (a missing tool skips
// locally; CI installs every tool, see .ci/run).
//
// Concurrency: test files run in parallel, one per core (os.availableParallelism()), or
// AGENTWORLD_TEST_CONCURRENCY. Tests hold no wall-clock upper bounds, so a loaded machine only makes them slower.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTER = pathToFileURL(join(ROOT, 'scripts', 'test-results-reporter.mjs')).href;
const ALLOW_LIST = join(ROOT, 'test', 'skip-allow-list.json');

function collect(directory, found) {
  let entries;
  try {
    entries = readdirSync(directory);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) collect(path, found);
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

/** The allow-list: `{ skips: [{ file, test, reason }] }`, every field a non-empty string. */
export function readAllowList(path = ALLOW_LIST) {
  if (!existsSync(path)) return [];
  const parsed = JSON.parse(readFileSync(path, 'utf8'));
  const entries = parsed?.skips;
  if (!Array.isArray(entries)) throw new Error(`${path}: "skips" must be an array`);
  for (const [index, entry] of entries.entries()) {
    for (const field of ['file', 'test', 'reason']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') {
        throw new Error(`${path}: skips[${index}].${field} must be a non-empty string`);
      }
    }
    const extra = Object.keys(entry).filter((key) => !['file', 'test', 'reason'].includes(key));
    if (extra.length > 0) throw new Error(`${path}: skips[${index}] has unknown fields ${extra.join(', ')}`);
  }
  return entries;
}

/**
 * Compares the skips of a run with the allow-list. `filesRun` limits the stale check to the files that ran (a
 * filtered run says nothing about the others). Returns the unlisted skips and the stale entries.
 */
export function compareWithAllowList(skipped, allowList, filesRun) {
  const key = (file, name) => `${file}\u0000${name}`;
  const allowed = new Map(allowList.map((entry) => [key(entry.file, entry.test), entry]));
  const seen = new Set(skipped.map((result) => key(result.file, result.name)));
  const unlisted = skipped.filter((result) => !allowed.has(key(result.file, result.name)));
  const stale = allowList.filter(
    (entry) => filesRun.has(entry.file) && !seen.has(key(entry.file, entry.test)),
  );
  return { unlisted, stale };
}

function readResults(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function concurrency() {
  const asked = Number.parseInt(process.env.AGENTWORLD_TEST_CONCURRENCY ?? '', 10);
  return Number.isInteger(asked) && asked > 0 ? asked : Math.max(1, availableParallelism());
}

function main() {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict-skips') || process.env.CI === 'true' || process.env.CI === '1';
  const filters = args.filter((arg) => arg !== '--strict-skips');
  const files = [...collect('src', []), ...collect('test', [])]
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error('no test files matched');
    return 1;
  }
  const allowList = readAllowList();
  const workDirectory = mkdtempSync(join(tmpdir(), 'agentworld-test-results-'));
  const resultsPath = join(workDirectory, 'results.jsonl');
  let status;
  let results;
  try {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        `--test-concurrency=${concurrency()}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        `--test-reporter=${REPORTER}`,
        `--test-reporter-destination=${resultsPath}`,
        ...files,
      ],
      { stdio: 'inherit' },
    );
    status = run.status ?? 1;
    if (run.error !== undefined) console.error(`could not run node --test: ${run.error.message}`);
    results = readResults(resultsPath);
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }

  const tests = results.filter((result) => !result.suite);
  const count = (list, outcome) => list.filter((result) => result.outcome === outcome).length;
  const skipped = results.filter((result) => result.outcome === 'skip' || result.outcome === 'todo');
  const skippedSuites = skipped.filter((result) => result.suite).length;
  const filesRun = new Set(files.map((file) => relative(ROOT, resolve(file))));
  const { unlisted, stale } = compareWithAllowList(skipped, allowList, filesRun);

  console.log('');
  if (skipped.length > 0) {
    console.log(`skipped (${skipped.length - skippedSuites} tests, ${skippedSuites} suites):`);
    const allowedKeys = new Set(allowList.map((entry) => `${entry.file}\u0000${entry.test}`));
    for (const result of skipped) {
      const listed = allowedKeys.has(`${result.file}\u0000${result.name}`) ? ' [allow-listed]' : '';
      const what = result.suite ? 'suite' : 'test';
      const reason = result.reason === undefined ? '' : ` — ${result.reason}`;
      console.log(`  ${result.outcome} ${what}: ${result.file} › ${result.name}${reason}${listed}`);
    }
  }
  let failedCheck = false;
  if (unlisted.length > 0) {
    const prefix = strict ? 'error' : 'note';
    console.log(
      `${prefix}: ${unlisted.length} skipped test(s) or suite(s) are not in test/skip-allow-list.json` +
        (strict
          ? ' (CI installs every tool: a skip here is a test that did not run)'
          : ' (in CI this fails)'),
    );
    failedCheck ||= strict;
  }
  if (stale.length > 0) {
    const prefix = strict ? 'error' : 'note';
    console.log(
      `${prefix}: ${stale.length} entry(ies) of test/skip-allow-list.json no longer skip; remove them:`,
    );
    for (const entry of stale) console.log(`  ${entry.file} › ${entry.test}`);
    failedCheck ||= strict;
  }
  if (results.length === 0 && status === 0) {
    console.log('error: the test reporter recorded no results');
    failedCheck = true;
  }
  const failed = count(tests, 'fail');
  // One plain closing line: tests passed and failed, and every skipped test, todo and skipped suite.
  console.log(`tests: ${count(tests, 'pass')} passed, ${failed} failed, ${skipped.length} skipped`);
  if (status === 0 && failedCheck) return 1;
  return status;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
