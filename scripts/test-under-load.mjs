#!/usr/bin/env node
// Runs the test suite (scripts/run-tests.mjs, with the same arguments: path filters, --strict-skips) while busy
// loops keep every core loaded, to show that no test depends on how fast the machine is.
//
//   node scripts/test-under-load.mjs [--spinners N] [--spin-seconds S] [filters…]
//
// --spinners: how many busy node processes (default: one per core, os.availableParallelism()).
// --spin-seconds: each busy loop stops by itself after this long (default 3600), so none outlives a crash of
// this script; they are killed as soon as the tests end.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN_TESTS = join(dirname(fileURLToPath(import.meta.url)), 'run-tests.mjs');

function parse(argv) {
  const options = { spinners: availableParallelism(), spinSeconds: 3600, rest: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--spinners' || arg === '--spin-seconds') {
      const value = Number(argv[index + 1]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      if (arg === '--spinners') options.spinners = value;
      else options.spinSeconds = value;
      index += 1;
    } else {
      options.rest.push(arg);
    }
  }
  return options;
}

const options = parse(process.argv.slice(2));
const spin = `const end = Date.now() + ${options.spinSeconds * 1000}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`;
const spinners = Array.from({ length: options.spinners }, () =>
  spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
);
function stopSpinners() {
  for (const spinner of spinners) {
    if (spinner.exitCode === null && spinner.signalCode === null) spinner.kill('SIGKILL');
  }
}
process.on('exit', stopSpinners);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopSpinners();
    process.exit(130);
  });
}

console.log(
  `== ${spinners.length} busy loop(s) on ${availableParallelism()} core(s) (pids ${spinners.map((s) => s.pid).join(', ')}; ` +
    `each stops by itself after ${options.spinSeconds} s); load average before: ${loadavg()[0].toFixed(2)}`,
);
const started = Date.now();
let peakLoad = 0;
const sampler = setInterval(() => {
  peakLoad = Math.max(peakLoad, loadavg()[0]);
}, 5000);
const tests = spawn(process.execPath, [RUN_TESTS, ...options.rest], { stdio: 'inherit' });
tests.on('close', (code, signal) => {
  clearInterval(sampler);
  peakLoad = Math.max(peakLoad, loadavg()[0]);
  stopSpinners();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `== under load: tests ${code === 0 ? 'passed' : `failed (exit ${code ?? signal})`} in ${minutes} min; ` +
      `1-minute load average peaked at ${peakLoad.toFixed(2)} on ${availableParallelism()} core(s)`,
  );
  process.exitCode = code ?? 1;
});
