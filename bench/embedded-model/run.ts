/**
 * bench/embedded-model — how faithful and how fast the embedded terminal model is, on the CPU, on held-out
 * sessions of real bash (the session generator run with a seed training never saw, and with
 * `--grammar extension` for command families training never saw).
 *
 * Teacher-forced: every turn is predicted from the recorded history, and compared byte for byte (and by edit
 * similarity) with what bash printed, by command family, next to two baselines: "prompt only" (the command
 * prints nothing and the prompt stays) and "copy previous screen". Closed loop: whole sessions run through a
 * real Session on the model's own screens, with the terminal domain's deterministic checks and step latency.
 *
 *   npm run bench:embedded -- --heldout DIR_OR_JSONL --extension DIR_OR_JSONL [--model models/agentworld-terminal.gguf]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import type { PredictRequest } from '../../src/core/engine.js';
import { type SessionRecord, SessionRecordSchema, type Turn } from '../../src/core/turn.js';
import { resolveTerminalSetup } from '../../src/domains/terminal/index.js';
import { createLocalEngine, type LocalEngine, terminalByteLayout } from '../../src/engines/local/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { quantile, round, Tally } from './measures.js';

interface Options {
  readonly model: string;
  readonly heldout: string[];
  readonly extension: string[];
  readonly sessions: string;
  readonly closedLoop: string;
  readonly threads: string;
  readonly maxTokens: string;
  readonly out?: string;
}

function familyOf(turn: Turn): string {
  const event = turn.events.find((candidate) => candidate.type === 'datagen.family');
  const family = event?.data?.family;
  return typeof family === 'string' ? family : 'unknown';
}

function jsonlFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name.endsWith('.jsonl') || name.endsWith('.jsonl.gz')) files.push(join(path, name));
      }
    } else files.push(path);
  }
  return files;
}

function loadSessions(paths: readonly string[], limit: number): SessionRecord[] {
  const sessions: SessionRecord[] = [];
  for (const file of jsonlFiles(paths)) {
    const raw = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    for (const line of text.split('\n')) {
      if (sessions.length >= limit) return sessions;
      if (line.trim() === '') continue;
      const record = SessionRecordSchema.parse(JSON.parse(line));
      if (record.turns.length > 0) sessions.push(record);
    }
  }
  return sessions;
}

/** The screen a model that knows nothing would predict: the command prints nothing, the prompt stays. */
function promptOnly(previousScreen: string, action: unknown, record: SessionRecord): string {
  const command = terminalByteLayout.commandOfAction(action);
  const lastLine = previousScreen.slice(previousScreen.lastIndexOf('\n') + 1);
  const setup = resolveTerminalSetup(record.spec);
  const prompt = lastLine.includes(`${setup.user}@`)
    ? lastLine.slice(lastLine.indexOf(`${setup.user}@`))
    : lastLine;
  return command === undefined
    ? previousScreen
    : `${terminalByteLayout.renderEcho(prompt, command)}${prompt}`;
}

interface TeacherForced {
  readonly model: Tally;
  readonly promptOnly: Tally;
  readonly copyPrevious: Tally;
  readonly routed: Map<string, number>;
  readonly latencies: number[];
}

async function teacherForced(
  engine: LocalEngine,
  sessions: readonly SessionRecord[],
): Promise<TeacherForced> {
  const result: TeacherForced = {
    model: new Tally(),
    promptOnly: new Tally(),
    copyPrevious: new Tally(),
    routed: new Map(),
    latencies: [],
  };
  for (const [position, record] of sessions.entries()) {
    let previous = record.initialObservation;
    for (const [index, turn] of record.turns.entries()) {
      const request: PredictRequest = {
        spec: record.spec,
        sessionId: record.id,
        seed: record.seed,
        turnIndex: index + 1,
        action: turn.action,
        messages: [],
        promptHash: '',
        history: record.turns.slice(0, index),
      };
      const started = performance.now();
      const prediction = await engine.predict(request);
      result.latencies.push(performance.now() - started);
      const family = familyOf(turn);
      if (
        prediction.events.some(
          (event) => event.type === 'local.unsupported' || event.type === 'local.fallback',
        )
      ) {
        result.routed.set(family, (result.routed.get(family) ?? 0) + 1);
      } else {
        result.model.add(family, turn.observation, prediction.observation);
        result.promptOnly.add(family, turn.observation, promptOnly(previous, turn.action, record));
        result.copyPrevious.add(family, turn.observation, previous);
      }
      previous = turn.observation;
    }
    process.stderr.write(`\r  teacher-forced ${position + 1}/${sessions.length} sessions`);
  }
  process.stderr.write('\n');
  return result;
}

interface ClosedLoop {
  readonly exact: Tally;
  readonly routed: number;
  readonly failedChecks: Map<string, number>;
  readonly checkedTurns: number;
  readonly latencies: number[];
}

async function closedLoop(engine: LocalEngine, sessions: readonly SessionRecord[]): Promise<ClosedLoop> {
  const result: ClosedLoop = {
    exact: new Tally(),
    routed: 0,
    failedChecks: new Map(),
    checkedTurns: 0,
    latencies: [],
  };
  let checked = 0;
  let routed = 0;
  for (const [position, record] of sessions.entries()) {
    const env = await createEnv(record.spec, { engine });
    await env.reset({ seed: record.seed });
    for (const turn of record.turns) {
      const step = await env.step(turn.action);
      result.latencies.push(step.info.turn.timing.engineMs);
      result.exact.add(familyOf(turn), turn.observation, step.observation);
      checked++;
      if (step.info.turn.events.some((event) => event.type === 'local.unsupported')) routed++;
      for (const check of step.info.turn.checks) {
        if (check.status === 'fail')
          result.failedChecks.set(check.id, (result.failedChecks.get(check.id) ?? 0) + 1);
      }
    }
    await env.close();
    process.stderr.write(`\r  closed loop ${position + 1}/${sessions.length} sessions`);
  }
  process.stderr.write('\n');
  return { ...result, checkedTurns: checked, routed };
}

function printTable(
  title: string,
  columns: Record<string, Record<string, { turns: number; exact: number; similarity: number }>>,
): void {
  const names = Object.keys(columns);
  const families = new Set<string>();
  for (const summary of Object.values(columns))
    for (const family of Object.keys(summary)) families.add(family);
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'family'.padEnd(18)}${'turns'.padStart(7)}${names.map((name) => `${name} exact/sim`.padStart(26)).join('')}\n`,
  );
  for (const family of families) {
    const first = Object.values(columns)[0]?.[family];
    const cells = names.map((name) => {
      const row = columns[name]?.[family];
      return (
        row === undefined ? '-' : `${(row.exact * 100).toFixed(1)}% / ${row.similarity.toFixed(3)}`
      ).padStart(26);
    });
    process.stdout.write(`${family.padEnd(18)}${String(first?.turns ?? '').padStart(7)}${cells.join('')}\n`);
  }
}

async function benchSet(
  engine: LocalEngine,
  name: string,
  paths: string[],
  options: Options,
): Promise<Record<string, unknown>> {
  const sessions = loadSessions(paths, Number(options.sessions));
  process.stderr.write(
    `${name}: ${sessions.length} sessions, ${sessions.reduce((n, s) => n + s.turns.length, 0)} turns\n`,
  );
  const before = engine.stats();
  const forced = await teacherForced(engine, sessions);
  const after = engine.stats();
  const loop = await closedLoop(engine, sessions.slice(0, Number(options.closedLoop)));
  const generated = after.generatedTokens - before.generatedTokens;
  const decodeSeconds = (after.decodeMs - before.decodeMs) / 1000;
  printTable(`${name}: teacher-forced (recorded history), byte-exact / edit similarity`, {
    model: forced.model.summary(),
    'prompt only': forced.promptOnly.summary(),
    'copy previous': forced.copyPrevious.summary(),
  });
  const routed = Object.fromEntries([...forced.routed.entries()].sort());
  process.stdout.write(`routed away from the model (outside its grammar): ${JSON.stringify(routed)}\n`);
  printTable(`${name}: closed loop (the model's own screens; ${loop.routed} turns answered as unsupported)`, {
    model: loop.exact.summary(),
  });
  const failed = Object.fromEntries([...loop.failedChecks.entries()].sort());
  process.stdout.write(
    `failed deterministic checks in ${loop.checkedTurns} closed-loop turns: ${JSON.stringify(failed)}\n`,
  );
  const latency = {
    teacherForcedP50Ms: round(quantile(forced.latencies, 0.5), 1),
    teacherForcedP90Ms: round(quantile(forced.latencies, 0.9), 1),
    closedLoopP50Ms: round(quantile(loop.latencies, 0.5), 1),
    closedLoopP90Ms: round(quantile(loop.latencies, 0.9), 1),
    generatedTokensPerSecond: round(generated / Math.max(decodeSeconds, 1e-9), 0),
  };
  process.stdout.write(`latency and speed (CPU, ${options.threads} thread): ${JSON.stringify(latency)}\n`);
  return {
    sessions: sessions.length,
    teacherForced: {
      model: forced.model.summary(),
      promptOnly: forced.promptOnly.summary(),
      copyPrevious: forced.copyPrevious.summary(),
      routed,
    },
    closedLoop: {
      model: loop.exact.summary(),
      failedChecks: failed,
      turns: loop.checkedTurns,
      routed: loop.routed,
    },
    latency,
  };
}

async function main(): Promise<void> {
  const program = new Command()
    .name('bench:embedded')
    .description(
      'Faithfulness and speed of the embedded terminal model on held-out real bash sessions (CPU).',
    )
    .option('--model <file>', 'GGUF model file', 'models/agentworld-terminal.gguf')
    .option(
      '--heldout <paths...>',
      'held-out sessions of the training grammar (JSONL files or shard folders)',
      [],
    )
    .option('--extension <paths...>', 'held-out sessions of the grammar extension', [])
    .option('--sessions <n>', 'sessions per set, teacher-forced', '40')
    .option('--closed-loop <n>', 'sessions per set run closed loop', '20')
    .option('--threads <n>', 'llama.cpp threads', '1')
    .option('--max-tokens <n>', 'most bytes generated per command', '768')
    .option('--out <file>', 'write the results as JSON');
  program.parse();
  const options = program.opts<Options>();
  if (!existsSync(options.model)) {
    process.stderr.write(
      `No model file at ${options.model}: train one (training/gpu-run.sh) or pass --model.\n`,
    );
    process.exitCode = 2;
    return;
  }
  if (options.heldout.length === 0 && options.extension.length === 0) {
    process.stderr.write('Give --heldout and/or --extension session files (see --help).\n');
    process.exitCode = 2;
    return;
  }
  const loadStarted = performance.now();
  const engine = await createLocalEngine({
    modelPath: options.model,
    threads: Number(options.threads),
    maxTokens: Number(options.maxTokens),
    minTokenProbability: 0,
  });
  const loadMs = performance.now() - loadStarted;
  process.stdout.write(
    `model ${engine.model}, context ${engine.contextSize}, loaded in ${loadMs.toFixed(0)} ms, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`,
  );
  const results: Record<string, unknown> = { model: engine.model, loadMs: round(loadMs, 0) };
  try {
    if (options.heldout.length > 0)
      results.heldout = await benchSet(engine, 'held-out (training grammar)', options.heldout, options);
    if (options.extension.length > 0) {
      results.extension = await benchSet(engine, 'held-out (grammar extension)', options.extension, options);
    }
  } finally {
    await engine.close();
  }
  if (options.out !== undefined) writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
