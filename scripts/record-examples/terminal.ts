/**
 * Records the terminal example sessions from a real bash: `node --import tsx scripts/record-examples/terminal.ts`.
 * Each scenario runs through the real Session (createEnv) with the real terminal engine (bash in a bubblewrap
 * sandbox on an 80x40 pseudo-terminal, src/engines/real/terminal), so the records carry real screens, prompts,
 * ledgers and checks. Writes examples/sessions/terminal.jsonl (overwritten each run) and exits
 * non-zero if any check fails.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import type { WorldSpec } from '../../src/core/world-spec.js';
import { createRealTerminalEngine } from '../../src/engines/real/index.js';
import { createEnv, parseWorldSpec } from '../../src/session/create-env.js';
import { TERMINAL_DEMONSTRATION, TERMINAL_SCENARIOS } from './terminal-scenarios.js';

/** The example sessions keep the 80x40 pane they were first recorded in. */
const RECORDER_PANE = { columns: 80, rows: 40 } as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const specPath = join(root, 'examples', 'terminal.json');
const outputPath = join(root, 'examples', 'sessions', 'terminal.jsonl');

function bashVersion(): string {
  const version = execFileSync('bash', ['--version'], { encoding: 'utf8' });
  return /version (\d+\.\d+\.\d+)/.exec(version)?.[1] ?? 'unknown';
}

/**
 * Records TERMINAL_DEMONSTRATION from the real bash and writes it into examples/terminal.json as the spec's
 * demonstration (the first turn carries the initial screen as its state), formatted with the repository's biome.
 */
async function recordDemonstration(spec: WorldSpec): Promise<WorldSpec> {
  const engine = createRealTerminalEngine(RECORDER_PANE);
  try {
    const session = await createEnv({ ...spec, demonstrations: [] }, { engine });
    const first = await session.reset({ seed: spec.seed ?? 0 });
    const turns = [];
    for (const action of TERMINAL_DEMONSTRATION.actions) {
      const result = await session.step(action);
      turns.push({
        ...(turns.length === 0 ? { state: first.observation } : {}),
        action: result.info.turn.action,
        observation: result.observation,
      });
    }
    await session.close();
    const raw = JSON.parse(readFileSync(specPath, 'utf8')) as Record<string, unknown>;
    raw.demonstrations = [{ title: TERMINAL_DEMONSTRATION.title, turns }];
    writeFileSync(specPath, `${JSON.stringify(raw, null, 2)}\n`);
    await promisify(execFile)(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', specPath]);
    process.stdout.write(`recorded the demonstration: ${turns.length} turns into ${specPath}\n`);
    return parseWorldSpec(raw);
  } finally {
    await engine.close();
  }
}

async function main(): Promise<void> {
  const spec = await recordDemonstration(parseWorldSpec(JSON.parse(readFileSync(specPath, 'utf8'))));
  const records: SessionRecord[] = [];
  const failures: string[] = [];
  for (const scenario of TERMINAL_SCENARIOS) {
    const engine = createRealTerminalEngine(RECORDER_PANE);
    try {
      const session = await createEnv(spec, { engine, id: `${spec.id}-${scenario.id}` });
      await session.reset({ seed: spec.seed ?? 0 });
      for (const action of scenario.actions) {
        const result = await session.step(action);
        for (const check of result.info.turn.checks) {
          if (check.status === 'fail') {
            failures.push(
              `${scenario.id} turn ${result.info.turn.index}: ${check.id}: ${check.message ?? ''}`,
            );
          }
        }
      }
      await session.close();
      records.push(
        SessionRecordSchema.parse(
          session.toRecord({
            recordedWith: 'real (src/engines/real/terminal)',
            scenario: scenario.id,
            title: scenario.title,
            shell: `bash ${bashVersion()} (interactive, no rc files, LC_ALL=C, 80x40 pseudo-terminal)`,
            workspace:
              'a fresh bubblewrap sandbox: the host system read-only, no network, its home and workspace on tmpfs',
            synthesized:
              'the terminal echo of typed text, ^C for C-c at an idle prompt, and the completion confirmation ' +
              'for [] (fixed text around the last screen) come from the recorder, as a terminal and the harness ' +
              'would show them; everything else is what bash printed',
            generator: 'scripts/record-examples/terminal.ts',
          }),
        ),
      );
      process.stdout.write(`recorded ${scenario.id}: ${scenario.actions.length} turns\n`);
    } finally {
      await engine.close();
    }
  }
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  process.stdout.write(`wrote ${records.length} sessions to ${outputPath}\n`);
  if (failures.length > 0) {
    process.stderr.write(`failed checks:\n${failures.join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
