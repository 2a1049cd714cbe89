/**
 * bench/embedded-model — how faithful and how fast an embedded world model is, on the CPU, on held-out sessions
 * of the real thing (the domain's session generator run with a seed training never saw, and with
 * `--grammar extension` for families training never saw). The model file's layout picks the domain:
 *
 * - terminal (`terminal-bytes-v1`): screens of real bash, against "prompt only" (the command prints nothing and
 *   the prompt stays) and "copy previous screen";
 * - mcp (`mcp-bytes-v1`): results of the real @modelcontextprotocol/server-memory, against "empty list []",
 *   "family commonest" (the result seen most often for the turn's family in the set itself) and "copy previous".
 *
 * Teacher-forced: every turn is predicted from the recorded history, and compared byte for byte (and by edit
 * similarity) with the recorded observation, by family (the generator's `datagen.family` event), next to the
 * baselines. Closed loop: whole sessions run through a real Session on the model's own observations, with the
 * domain's deterministic checks and step latency. Turns the engine does not answer itself (labelled unsupported,
 * or refused with UNSUPPORTED, as mcp models do for another server or a server starting with state) are counted
 * apart and left out of every tally. In the extension set, the families training never saw are also summed up
 * as a group.
 *
 * Terminal models can also be measured inside the `hybrid` engine (`--engines local hybrid`: the terminal twin
 * answers what it computes exactly, the model the rest), and on real sessions of another generator
 * (`--corpus corpus/real/terminal.jsonl.gz`, described under its heading). For each engine and set: byte-exact
 * and edit similarity of twin-answered, model-answered and all turns (routed ones count with the labelled screen
 * they got), accuracy by turn position (0-4, 5-9, 10+), the routed rate, the low-confidence flagged rate (at the
 * engine's calibrated threshold unless `--min-token-probability`) and the accuracy of flagged and unflagged model
 * answers; closed loop, step latency p50/p90 by answering side. A hybrid's teacher-forced turns each get a session
 * of their own, so its twin rebuilds its world from the recorded history (its latency is measured closed loop).
 *
 *   npm run bench:embedded -- --heldout DIR_OR_JSONL --extension DIR_OR_JSONL [--model models/agentworld-terminal.gguf]
 *
 *   npm run datagen -- --out /tmp/heldout --count 160 --seed 7001
 *   npm run bench:embedded -- --engines local hybrid --heldout /tmp/heldout --corpus corpus/real/terminal.jsonl.gz \
 *     --sessions 160 --closed-loop 40 --out /tmp/terminal-bench.json
 *
 *   npm run datagen:mcp -- --out /tmp/mcp-heldout --count 400 --seed 7101 --max-session-bytes 1900
 *   npm run datagen:mcp -- --out /tmp/mcp-extension --count 200 --seed 7102 --max-session-bytes 1900 --grammar extension
 *   npm run bench:embedded -- --model models/agentworld-mcp.gguf --heldout /tmp/mcp-heldout \
 *     --extension /tmp/mcp-extension --sessions 400 --closed-loop 60 --out /tmp/mcp-bench.json
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { createHybridEngine, createTwinFor } from '../../src/engines/hybrid/index.js';
import { createLocalEngine, type LocalEngine, readModelFileLayout } from '../../src/engines/local/index.js';
import type { BenchDomain } from './bench-domain.js';
import { type BenchedEngine, benchSet } from './bench-set.js';
import { describeCorpus } from './corpus-set.js';
import { mcpBench } from './mcp-bench.js';
import { round } from './measures.js';
import { terminalBench } from './terminal-bench.js';

interface Options {
  readonly model: string;
  readonly heldout: string[];
  readonly extension: string[];
  readonly corpus: string[];
  readonly engines: string[];
  readonly minTokenProbability?: string;
  readonly sessions: string;
  readonly closedLoop: string;
  readonly threads: string;
  readonly maxTokens?: string;
  readonly out?: string;
}

function parseOptions(): Options {
  const program = new Command()
    .name('bench:embedded')
    .description(
      'Faithfulness and speed of an embedded world model (terminal or mcp) on held-out real sessions (CPU).',
    )
    .option('--model <file>', 'GGUF model file', 'models/agentworld-terminal.gguf')
    .option(
      '--heldout <paths...>',
      'held-out sessions of the training grammar (JSONL files or shard folders)',
      [],
    )
    .option('--extension <paths...>', 'held-out sessions of the grammar extension', [])
    .option(
      '--corpus <paths...>',
      'held-out real sessions of another generator (terminal: corpus/real/terminal.jsonl.gz)',
      [],
    )
    .option('--engines <names...>', 'engines to measure: local, and for terminal models hybrid', ['local'])
    .option(
      '--min-token-probability <p>',
      'low-confidence threshold (default: the model layout’s calibrated value; 0 turns flagging off)',
    )
    .option('--sessions <n>', 'sessions per set, teacher-forced', '40')
    .option('--closed-loop <n>', 'sessions per set run closed loop (the first of those)', '20')
    .option('--threads <n>', 'llama.cpp threads', '1')
    .option('--max-tokens <n>', 'most bytes generated per turn (default: 768 terminal, 1536 mcp)')
    .option('--out <file>', 'write the results as JSON');
  program.parse();
  return program.opts<Options>();
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (!existsSync(options.model)) {
    process.stderr.write(
      `No model file at ${options.model}: train one (training/gpu-run.sh) or pass --model.\n`,
    );
    process.exitCode = 2;
    return;
  }
  if (options.heldout.length === 0 && options.extension.length === 0 && options.corpus.length === 0) {
    process.stderr.write('Give --heldout, --extension and/or --corpus session files (see --help).\n');
    process.exitCode = 2;
    return;
  }
  const domain: BenchDomain = readModelFileLayout(options.model)?.domain === 'mcp' ? mcpBench : terminalBench;
  const unknown = options.engines.filter((name) => name !== 'local' && name !== 'hybrid');
  if (unknown.length > 0 || (domain === mcpBench && options.engines.includes('hybrid'))) {
    process.stderr.write(`--engines takes local, and hybrid for terminal models (not ${options.engines}).\n`);
    process.exitCode = 2;
    return;
  }
  const maxTokens = Number(options.maxTokens ?? domain.defaultMaxTokens);
  const threads = Number(options.threads);
  const localEngine = async (): Promise<LocalEngine> =>
    createLocalEngine({
      modelPath: options.model,
      threads,
      maxTokens,
      ...(options.minTokenProbability === undefined
        ? {}
        : { minTokenProbability: Number(options.minTokenProbability) }),
    });
  const results: Record<string, unknown> = { model: options.model, maxTokens };
  const common = {
    sessions: Number(options.sessions),
    closedLoopSessions: Number(options.closedLoop),
    threads,
  };
  const sets = [
    { key: 'heldout', name: 'held-out (training grammar)', paths: options.heldout, groupUnseen: false },
    { key: 'extension', name: 'held-out (grammar extension)', paths: options.extension, groupUnseen: true },
    {
      key: 'corpus',
      name: 'held-out real sessions (another generator)',
      paths: options.corpus,
      groupUnseen: false,
      describe: describeCorpus,
    },
  ];
  for (const name of options.engines) {
    const loadStarted = performance.now();
    const local = await localEngine();
    const loadMs = performance.now() - loadStarted;
    const benched: BenchedEngine =
      name === 'hybrid'
        ? {
            name,
            engine: createHybridEngine({ twin: await createTwinFor('terminal'), model: local }),
            local,
            turnSessions: true,
          }
        : { name, engine: local, local, turnSessions: false };
    process.stdout.write(
      `\n[${name}] model ${local.model} (${local.layout.id}), context ${local.contextSize}, at most ${maxTokens} bytes a turn, low-confidence threshold ${local.minTokenProbability}, loaded in ${loadMs.toFixed(0)} ms, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`,
    );
    const engineResults: Record<string, unknown> = {
      model: local.model,
      layout: local.layout.id,
      minTokenProbability: local.minTokenProbability,
      loadMs: round(loadMs, 0),
    };
    try {
      for (const { key, paths, ...set } of sets) {
        if (paths.length > 0)
          engineResults[key] = await benchSet(benched, domain, { ...common, ...set, paths });
      }
    } finally {
      await benched.engine.close();
    }
    results[name] = engineResults;
  }
  if (options.out !== undefined) writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
