import { existsSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { SessionRecord } from '../../core/turn.js';
import { formatError } from '../output.js';
import type { RecordFlags } from './record.js';

const SHADOW_ENGINES = ['lwm', 'replay', 'local', 'real'] as const;

const SHADOW_HELP = `
Shadow mode runs two engines on the same actions: the agent (your --actions script, or you at the prompt) sees
the observations of --engine (real by default: bash in bubblewrap, a real MCP server, a git repository), while
--shadow-engine (a world model: lwm, local, or replay of recorded sessions) answers every request too. Each turn
stores the shadow's observation, the domain's checks on it, exact match, edit similarity (1 − Levenshtein /
longer length) and a structural diff (lines for terminal and swe screens, JSON paths for mcp and search results,
accessibility-tree nodes for web, android and os), in the turn's "shadow" field. A failing shadow is recorded
as such and never stops the recording. The engine flags (--model-url, --replay, --local-model …) serve the
shadow engine; the recording itself works as \`agentworld record\` (store and --out, turn by turn).
Examples:
  agentworld shadow terminal --actions actions.jsonl --shadow-engine lwm --model-url http://127.0.0.1:8000/v1 --model M --out shadow.jsonl
  agentworld shadow examples/terminal.json --shadow-engine replay --replay examples/sessions/terminal.jsonl --actions a.jsonl
  agentworld shadow report --in shadow.jsonl
  agentworld shadow report --json`;

const REPORT_HELP = `
Summarises shadowed turns: exact-match rate, mean edit similarity, the rate of failed checks on the simulated
observations and the shadow's own failures, overall and by domain, dialect, command family (the command word of
a shell line, the tool name, the GUI action type) and turn position (first, middle, last), then the least
similar turns. Reads the sessions \`agentworld shadow\` wrote to the store (default $AGENTWORLD_HOME/agentworld.db),
or the JSONL files given with --in.`;

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return parsed;
}

export interface ShadowReportFlags {
  readonly in?: string[] | undefined;
  /** `--store PATH`; the parent command may hold it (commander gives it the option when both declare it). */
  readonly store?: string | boolean | undefined;
  readonly json?: boolean | undefined;
  readonly worst?: number | undefined;
}

/**
 * `agentworld shadow SPEC` (the recording path of `agentworld record` with a shadow engine) and
 * `agentworld shadow report`.
 */
export function registerShadowCommand(
  program: Command,
  withEngineOptions: (command: Command) => Command,
): void {
  const shadow = withEngineOptions(
    program
      .command('shadow')
      .description(
        'shadow mode: run a world model beside the real engine on the same actions and record where it diverges (`shadow report` summarises)',
      )
      .argument('<spec>', 'WorldSpec file (.json/.yaml) or a bundled example name: terminal, mcp, search')
      .addOption(
        new Option(
          '--shadow-engine <kind>',
          'the engine run beside --engine (required): lwm, local, replay or real',
        ).choices([...SHADOW_ENGINES]),
      )
      .option(
        '--actions <file>',
        'scripted agent: JSONL, one JSON action per line (- reads stdin); else typed',
      )
      .option(
        '--out <file>',
        'JSONL file: one complete record per session, replaced atomically after every turn',
      )
      .option(
        '--store <path|url>',
        'SQLite file or postgres:// URL (env AGENTWORLD_STORE; default $AGENTWORLD_HOME/agentworld.db)',
      )
      .option('--no-store', 'do not write the store (only --out)')
      .option('--sessions <n>', 'how many sessions to run, each replaying the same actions', positiveInteger)
      .option('--seed <n>', 'seed of the first session; session i gets seed + i', (value) => {
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < 0)
          throw new InvalidArgumentError('must be a whole number ≥ 0');
        return parsed;
      })
      .addHelpText('after', SHADOW_HELP),
  ).action(async (spec: string, options: RecordFlags) => {
    if (options.shadowEngine === undefined) {
      console.error(
        formatError(
          new AgentWorldError(
            'CONFIG_INVALID',
            'agentworld shadow needs --shadow-engine (lwm, local, replay or real).',
          ),
          process.stderr,
        ),
      );
      process.exitCode = 2;
      return;
    }
    process.exitCode = await (await import('./record.js')).runRecord(spec, options);
  });

  shadow
    .command('report')
    .description(
      'summarise where and how shadow engines diverged: by domain, dialect, command family, turn position',
    )
    .option('--in <files...>', 'read these session JSONL files instead of the store')
    .option(
      '--store <path|url>',
      'SQLite file or postgres:// URL (env AGENTWORLD_STORE; default $AGENTWORLD_HOME/agentworld.db)',
    )
    .option('--json', 'print the report as one JSON object')
    .option('--worst <n>', 'how many of the least similar turns to list (default 10)', positiveInteger)
    .addHelpText('after', REPORT_HELP)
    .action(async (_options, command: Command) => {
      process.exitCode = await runShadowReport(command.optsWithGlobals<ShadowReportFlags>());
    });
}

/** `agentworld shadow report`: prints the divergence summary; 0, or 1 on an error. */
export async function runShadowReport(flags: ShadowReportFlags): Promise<number> {
  try {
    const records =
      flags.in !== undefined && flags.in.length > 0 ? await fromFiles(flags.in) : await fromStore(flags);
    const { buildShadowReport, formatShadowReport } = await import('../../shadow/index.js');
    const report = buildShadowReport(records, { worst: flags.worst });
    console.log(flags.json === true ? JSON.stringify(report, null, 2) : formatShadowReport(report));
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}

async function fromFiles(files: readonly string[]): Promise<SessionRecord[]> {
  const { readSessions } = await import('../../export/read-sessions.js');
  const records: SessionRecord[] = [];
  for await (const { record } of readSessions(files)) records.push(record);
  return records;
}

/** The sessions `agentworld shadow` recorded in the store, oldest first. */
async function fromStore(flags: ShadowReportFlags): Promise<SessionRecord[]> {
  // Loaded only here: registering the command must not load the store's native module.
  const { isPostgresLocation, openStore, resolveStoreLocation } = await import('../../store/index.js');
  const { SessionRepository } = await import('../../server/sessions/session-repository.js');
  const { ANONYMOUS_OWNER } = await import('../../server/sessions/owner.js');
  const path = resolveStoreLocation(typeof flags.store === 'string' ? flags.store : undefined);
  if (!isPostgresLocation(path) && !existsSync(path)) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `No store at ${path}: pass --store PATH or --in FILE.jsonl.`,
    );
  }
  const store = await openStore(path);
  try {
    const repository = new SessionRepository(store);
    const summaries = (await repository.listByOwner(ANONYMOUS_OWNER, { includeClosed: true }))
      .filter((summary) => summary.labels.recordedBy === 'agentworld shadow')
      .reverse();
    const records: SessionRecord[] = [];
    for (const summary of summaries) {
      const stored = await repository.load(summary.id);
      if (stored !== undefined) records.push(stored.record);
    }
    return records;
  } finally {
    await store.close();
  }
}
