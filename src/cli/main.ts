#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { toAgentWorldError } from '../core/errors.js';
import { DOMAIN_IDS } from '../core/world-spec.js';
import { registerBenchCommand } from './commands/bench.js';
import { registerExportCommand } from './commands/export.js';
import { addMcpOptions } from './commands/mcp-options.js';
import { registerQueueCommand } from './commands/queue.js';
import { registerRolloutCommand } from './commands/rollout.js';
import { registerServeCommand } from './commands/serve.js';
import { registerShadowCommand } from './commands/shadow.js';
import { registerTaskCommand } from './commands/task.js';
import { registerWorkerCommand } from './commands/worker.js';
import { collectModelUrls } from './config.js';
import { ENVIRONMENT_VARIABLES } from './environment.js';
import { formatError } from './output.js';

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < minimum) {
      throw new InvalidArgumentError(`must be a whole number ≥ ${minimum}`);
    }
    return parsed;
  };
}

const nonNegativeInteger = wholeNumber(0);
const positiveInteger = wholeNumber(1);

function number(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new InvalidArgumentError('must be a number');
  return parsed;
}

const ENVIRONMENT_HELP = `
Model settings come from the flags, then these environment variables, then a config file
(--config, else ./agentworld.config.json, else $AGENTWORLD_HOME/config.json):
${Object.entries(ENVIRONMENT_VARIABLES)
  .map(([name, meaning]) => `  ${name.padEnd(26)}${meaning}`)
  .join('\n')}`;

const STEP_HELP = `
Request (one JSON value on stdin, or in the --request file):
  {"spec": "terminal" | "path/to/spec.json" | {…WorldSpec…}, "seed": 7, "action": …}   start a session
  {"session": {…the "session" printed by the previous call…}, "action": …}            continue it
  Without "action" the call only resets (or only reloads the session).
Answer (one JSON line on stdout):
  {"ok": true, "reset"?: …, "result"?: {observation, reward, terminated, truncated, info}, "session": …}
  {"ok": false, "error": {"code", "message", "retryable", "details"}}   (exit status 1)
Example:
  echo '{"spec":"terminal","seed":7,"action":[{"keystrokes":"ls\\n","duration":1}]}' | agentworld step
${ENVIRONMENT_HELP}`;

const RECORD_HELP = `
Each turn is committed as it happens: a row in the store's session tables, and the session's one line in --out
rewritten atomically (temporary file, fsync, rename). A crash or Ctrl-C after turn k leaves k turns in both; a
finished session is marked closed, an interrupted one stays open. A re-run records new sessions and never
duplicates the old ones. A malformed action line stops the recording with an error naming FILE:LINE; the turns
before it stay recorded (exit status 1; 130 when interrupted).
Examples:
  printf '%s\\n' '[{"keystrokes":"echo hi\\n","duration":1}]' | agentworld record terminal --actions - --out runs.jsonl
  agentworld record mcp --real-server everything --actions actions.jsonl --sessions 3 --seed 1
  agentworld record terminal --actions actions.jsonl --perturb no-space-left:turn=2 --out runs.jsonl
${ENVIRONMENT_HELP}`;

/** Flags shared by every command that talks to an engine. */
function withEngineOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--engine <kind>',
        "engine: lwm (a world-model server), replay (recordings) or local (the embedded model of the world's domain, on this CPU; the default, when no server is configured, for terminal worlds in a shell like the ones it was trained on and for server-memory mcp worlds, chosen by serve and mcp for each session), or real (real executors: bash in bubblewrap for terminal worlds, a real MCP server for mcp worlds, a git repository in bubblewrap with the harness's tools for swe worlds, Chromium or the real @playwright/mcp server for web worlds, a full-text engine over the shipped Debian documentation corpus for search worlds; android and os worlds have no real executor here: an emulator or a desktop VM does not run on this machine), or hybrid (terminal worlds: a virtual shell answers exactly what it can, the world model — lwm with a server configured, else local — the rest)",
      ).choices(['lwm', 'replay', 'local', 'real', 'hybrid']),
    )
    .option(
      '--real-server <server>',
      "MCP server for --engine real on mcp worlds: filesystem, memory or everything (the reference servers, each session with its own temporary directory), an http(s) URL (streamable HTTP) or a command line; default: the spec's toolsFrom (env AGENTWORLD_REAL_SERVER)",
    )
    .option(
      '--local-model <file>',
      "GGUF file for --engine local (default: the shipped model of the spec's domain, models/agentworld-terminal.gguf or models/agentworld-mcp.gguf)",
    )
    .option(
      '--model-url <url>',
      'OpenAI-compatible base URL of the world model; repeat it or separate with commas for replicas of one model (env AGENTWORLD_MODEL_URL)',
      collectModelUrls,
    )
    .option('--model <name>', 'model name (env AGENTWORLD_MODEL)')
    .option('--api-key <key>', 'API key for the model server (env AGENTWORLD_API_KEY)')
    .option('--temperature <t>', 'sampling temperature (env AGENTWORLD_TEMPERATURE)', number)
    .option(
      '--max-tokens <n>',
      'completion token budget, reasoning included (env AGENTWORLD_MAX_TOKENS)',
      positiveInteger,
    )
    .option('--timeout-ms <ms>', 'limit for one model request (env AGENTWORLD_TIMEOUT_MS)', positiveInteger)
    .option(
      '--max-retries <n>',
      'retries of a failed model request, 0 for none (env AGENTWORLD_MAX_RETRIES; default 4)',
      nonNegativeInteger,
    )
    .option(
      '--retry-base-ms <ms>',
      'delay before the first retry, doubled for each next one (env AGENTWORLD_RETRY_BASE_MS; default 500)',
      nonNegativeInteger,
    )
    .option('--stream', 'stream replies from the model server')
    .option('--replay <files...>', 'answer from recorded sessions (JSONL) instead of a model')
    .option(
      '--retrieval-corpus <paths...>',
      'give the world model (lwm, local, or the model side of hybrid) the k most similar real transitions recorded in these sessions as demonstrations: session files (.jsonl, .jsonl.gz), folders of them, or corpus/real',
    )
    .option(
      '--retrieval-k <n>',
      'demonstrations per turn with --retrieval-corpus (default 3, at most 16)',
      positiveInteger,
    )
    .option(
      '--cache [path]',
      'cache model answers in the embedded store (default $AGENTWORLD_HOME/agentworld.db)',
    )
    .option(
      '--config <path>',
      'config file (default ./agentworld.config.json, then $AGENTWORLD_HOME/config.json)',
    );
}

export function buildProgram(): Command {
  const program = new Command()
    .name('agentworld')
    .description('Language world models as controllable environments for AI agents')
    .version(packageVersion())
    // Arguments reach each subcommand in order, so a subcommand's subcommand (rollout compare) owns its options.
    .enablePositionalOptions()
    .showHelpAfterError();

  withEngineOptions(
    program
      .command('sim')
      .description(
        'interactive session: type actions, read observations (:help inside for :fork, :history, :save)',
      )
      .argument('<spec>', 'WorldSpec file (.json/.yaml) or a bundled example name: terminal, mcp, search')
      .option('--seed <n>', 'seed for the session', nonNegativeInteger)
      .option('--save <file>', 'append every session (forks included) to this JSONL file on exit')
      .option(
        '--perturb <rule...>',
        'inject a perturbation: ID[:key=value,...]; turn/tool/match/probability/every/from/until say when (see `agentworld perturbations`)',
      )
      .option('--rules <files...>', 'add the perturbation rules of these JSON/YAML files to the spec')
      .addHelpText(
        'after',
        '\nActions are read line by line from stdin, so a script can pipe them in; type :help inside.\n' +
          ENVIRONMENT_HELP,
      ),
  ).action(async (spec: string, options) => {
    process.exitCode = await (await import('./commands/sim.js')).runSim(spec, options);
  });

  withEngineOptions(
    program
      .command('step')
      .description('one JSON request in (stdin or --request), one JSON result out: for scripts')
      .option('--request <file>', 'read the request from a file instead of stdin')
      .addHelpText('after', STEP_HELP),
  ).action(async (options) => {
    process.exitCode = await (await import('./commands/step.js')).runStep(options);
  });

  withEngineOptions(
    program
      .command('record')
      .description(
        'record sessions over an engine (real by default) with a scripted or typed agent: every turn goes to the store and --out as it happens',
      )
      .argument('<spec>', 'WorldSpec file (.json/.yaml) or a bundled example name: terminal, mcp, search')
      .option(
        '--actions <file>',
        "scripted agent: JSONL, one JSON action per line in the world's dialect (or a .json array); - reads stdin. Without it, actions are typed at a prompt",
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
      .option(
        '--sessions <n>',
        'how many sessions to record, each replaying the same actions',
        positiveInteger,
      )
      .option('--seed <n>', 'seed of the first session; session i gets seed + i', nonNegativeInteger)
      .option(
        '--perturb <rule...>',
        "inject a perturbation: ID[:key=value,...]; turn/tool/match/probability/every/from/until say when (see `agentworld perturbations`); a real engine's observation gets the perturbation's deterministic rendering",
      )
      .option('--rules <files...>', 'add the perturbation rules of these JSON/YAML files to the spec')
      .addHelpText('after', RECORD_HELP),
  ).action(async (spec: string, options) => {
    process.exitCode = await (await import('./commands/record.js')).runRecord(spec, options);
  });

  program
    .command('demo')
    .description(
      'replay the bundled example sessions (real bash, real MCP servers, a real git repo, scripted GUI worlds; no model needed), then simulate a short terminal session with the embedded model on this CPU',
    )
    .option('--quiet', 'print only the summary')
    .option('--no-embedded', 'skip the terminal session simulated by the embedded model')
    .option(
      '--local-model <file>',
      'GGUF file for the embedded-model part (default: the shipped models/agentworld-terminal.gguf)',
    )
    .addOption(new Option('--domain <domain>', 'only this domain').choices([...DOMAIN_IDS]))
    .action(async (options) => {
      process.exitCode = await (await import('./commands/demo.js')).runDemo(options);
    });

  program
    .command('perturbations')
    .description("list the perturbation catalog: what each domain's simulated world can be told to show")
    .addArgument(new Argument('[domain]', 'only this domain').choices([...DOMAIN_IDS]))
    .option('--json', 'print JSON: ids, descriptions, parameter schemas, default instructions')
    .action(async (domain: string | undefined, options) => {
      process.exitCode = await (await import('./commands/perturbations.js')).runPerturbations(
        domain,
        options,
      );
    });

  program
    .command('schema')
    .description(
      'print JSON Schemas: worldspec, session, step-result, reset-result, world-file, task, or the action schema of a spec',
    )
    .argument(
      '[name]',
      'worldspec | session | step-result | reset-result | world-file | task | action',
      'worldspec',
    )
    .option('--spec <spec>', 'for "action": the WorldSpec whose action schema to print')
    .action(async (name: string, options: { spec?: string }) => {
      process.exitCode = await (await import('./commands/schema.js')).runSchema(name, options);
    });

  registerServeCommand(program, withEngineOptions);
  registerExportCommand(program);
  registerShadowCommand(program, withEngineOptions);
  registerTaskCommand(program, withEngineOptions);
  registerRolloutCommand(program, withEngineOptions);
  registerBenchCommand(program);
  registerWorkerCommand(program);
  registerQueueCommand(program);

  withEngineOptions(
    addMcpOptions(
      program
        .command('mcp')
        .description(
          'serve the simulated tools of an mcp, search or swe world as an MCP server (stdio, or --http); with no model server configured, the embedded model answers a server-memory world',
        ),
    ),
  ).action(async (spec: string | undefined, options) => {
    process.exitCode = await (await import('./commands/mcp.js')).runMcpServer(spec, options);
  });

  return program;
}

// A reader that stops early (`agentworld demo | head`) closes the pipe: stop quietly instead of crashing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    process.exitCode = 2;
  });
