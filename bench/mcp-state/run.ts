/**
 * bench/mcp-state — what the mcp model's state turn (src/engines/local/mcp-state.ts) changes on sessions longer
 * than its 2,048-token context: byte-exact and edit similarity of the real server-memory's results, with the
 * state turn off (the oldest turns simply leave the context) and on (a `read_graph` result of the graph after
 * them takes their place), on the shipped model, teacher-forced and closed loop. Accuracy only.
 *
 * Turns are grouped by where they stand under the plain window (the same turns in both configurations): within
 * it (whole history in context: identical prompts, so identical answers), beyond it, and beyond it with a
 * recorded result that names an entity only the dropped turns mention.
 *
 *   npm run datagen:mcp -- --out /tmp/mcp-long --count 150 --seed 7103 --min-turns 16 --max-turns 40 \
 *     --max-session-bytes 9000 --workers 2
 *   node --import tsx bench/mcp-state/run.ts --sessions /tmp/mcp-long corpus/real/mcp.jsonl.gz \
 *     --teacher-forced 60 --closed-loop 30 --out /tmp/mcp-state.json
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { SessionRecord } from '../../src/core/turn.js';
import { createLocalEngine, type LocalEngine } from '../../src/engines/local/index.js';
import { mcpServerNameOf } from '../../src/engines/local/mcp-sequence-layout.js';
import { printTable } from '../embedded-model/results-table.js';
import { loadSessions } from '../embedded-model/session-files.js';
import { closedLoop, type Measured, teacherForced } from './measure.js';

interface Options {
  readonly model: string;
  readonly sessions: string[];
  readonly teacherForced: string;
  readonly closedLoop: string;
  readonly configurations: string[];
  readonly out?: string;
}

function parseOptions(): Options {
  const program = new Command()
    .name('bench:mcp-state')
    .description("The mcp model's accuracy past its context window, with and without the state turn (CPU).")
    .option('--model <file>', 'GGUF model file (layout mcp-bytes-v1)', 'models/agentworld-mcp.gguf')
    .requiredOption('--sessions <paths...>', 'real server-memory sessions (JSONL files or shard folders)')
    .option('--teacher-forced <n>', 'sessions measured teacher-forced', '60')
    .option('--closed-loop <n>', 'sessions run closed loop (the first of those)', '30')
    .option('--configurations <names...>', 'off, read_graph, replay (state turn forms)', [...CONFIGURATIONS])
    .option('--out <file>', 'write the results as JSON');
  program.parse();
  return program.opts<Options>();
}

/** Sessions of server-memory starting empty (the model's world), from every file given, in order. */
function memorySessions(paths: readonly string[]): SessionRecord[] {
  return loadSessions(paths, Number.MAX_SAFE_INTEGER).filter((record) => {
    const data = (record.spec.initialState as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    return (
      record.spec.domain === 'mcp' &&
      mcpServerNameOf(record.spec).name === 'server-memory' &&
      data.serverState === undefined &&
      data.resourceIds === undefined
    );
  });
}

/** The configurations compared: no state turns, then each form (mcp-state-turns.ts). */
const CONFIGURATIONS = ['off', 'read_graph', 'replay'] as const;
type Configuration = (typeof CONFIGURATIONS)[number];

async function engineWith(model: string, configuration: Configuration): Promise<LocalEngine> {
  return await createLocalEngine({
    modelPath: model,
    maxTokens: 1536,
    minTokenProbability: 0,
    mcpStateTurns: configuration,
  });
}

type Run = (engine: LocalEngine, sessions: readonly SessionRecord[], label: string) => Promise<Measured>;

async function compare(
  title: string,
  engines: Map<Configuration, LocalEngine>,
  sessions: readonly SessionRecord[],
  run: Run,
): Promise<Record<string, unknown>> {
  const measured = new Map<Configuration, Measured>();
  for (const [configuration, engine] of engines)
    measured.set(configuration, await run(engine, sessions, configuration));
  const columns = Object.fromEntries(
    [...measured].map(([name, result]) => [`state ${name}`, result.tally.summary()]),
  );
  printTable(title, columns);
  const results: Record<string, unknown> = {};
  for (const [configuration, result] of measured) {
    if (configuration !== 'off') {
      process.stdout.write(
        `${configuration}: turns with state turns ${result.stateTurns}, of which the graph did not fit whole ` +
          `${result.partialStates}\n`,
      );
    }
    results[configuration] = {
      ...result.tally.summary(),
      stateTurns: result.stateTurns,
      partialStates: result.partialStates,
    };
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const sessions = memorySessions(options.sessions);
  const forced = sessions.slice(0, Number(options.teacherForced));
  const looped = forced.slice(0, Number(options.closedLoop));
  const turns = forced.reduce((sum, record) => sum + record.turns.length, 0);
  process.stderr.write(
    `${forced.length} sessions (${turns} turns) teacher-forced, ${looped.length} closed loop\n`,
  );
  const engines = new Map<Configuration, LocalEngine>();
  for (const configuration of options.configurations) {
    if (!(CONFIGURATIONS as readonly string[]).includes(configuration))
      throw new Error(`unknown configuration ${configuration} (${CONFIGURATIONS.join(', ')})`);
    engines.set(
      configuration as Configuration,
      await engineWith(options.model, configuration as Configuration),
    );
  }
  try {
    const results: Record<string, unknown> = {
      model: [...engines.values()][0]?.model,
      sessions: forced.map((record) => record.id),
    };
    results.teacherForced = await compare(
      'teacher-forced (recorded history), byte-exact / edit similarity',
      engines,
      forced,
      teacherForced,
    );
    if (looped.length > 0) {
      results.closedLoop = await compare(
        "closed loop (the model's own results as history), byte-exact / edit similarity",
        engines,
        looped,
        closedLoop,
      );
    }
    if (options.out !== undefined) writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    for (const engine of engines.values()) await engine.close();
  }
}

await main();
