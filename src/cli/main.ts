#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { toAgentWorldError } from '../core/errors.js';
import { runDemo } from './commands/demo.js';
import { runSchema } from './commands/schema.js';
import { runSim } from './commands/sim.js';
import { runStep } from './commands/step.js';
import { formatError } from './output.js';

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('must be an integer');
  return parsed;
}

function number(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError('must be a number');
  return parsed;
}

/** Flags shared by every command that talks to an engine. */
function withEngineOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--engine <kind>', 'engine: lwm (a world-model server) or replay').choices([
        'lwm',
        'replay',
      ]),
    )
    .option('--model-url <url>', 'OpenAI-compatible base URL of the world model (env AGENTWORLD_MODEL_URL)')
    .option('--model <name>', 'model name (env AGENTWORLD_MODEL)')
    .option('--api-key <key>', 'API key for the model server (env AGENTWORLD_API_KEY)')
    .option('--temperature <t>', 'sampling temperature', number)
    .option('--max-tokens <n>', 'completion token budget (reasoning included)', integer)
    .option('--timeout-ms <ms>', 'per-request timeout', integer)
    .option('--stream', 'stream replies from the model server')
    .option('--replay <files...>', 'answer from recorded sessions (JSONL) instead of a model')
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
    .showHelpAfterError();

  withEngineOptions(
    program
      .command('sim')
      .description(
        'interactive session: type actions, read observations (:help inside for :fork, :history, :save)',
      )
      .argument('<spec>', 'WorldSpec file (.json/.yaml) or a bundled example name: terminal, mcp, search')
      .option('--seed <n>', 'seed for the session', integer)
      .option('--save <file>', 'append every session to this JSONL file on exit'),
  ).action(async (spec: string, options) => {
    await runSim(spec, options);
  });

  withEngineOptions(
    program
      .command('step')
      .description('one JSON request in (stdin or --request), one JSON result out: for scripts')
      .option('--request <file>', 'read the request from a file instead of stdin'),
  ).action(async (options) => {
    process.exitCode = await runStep(options);
  });

  program
    .command('demo')
    .description(
      'replay the bundled sessions recorded from a real bash and a real MCP server (no model needed)',
    )
    .option('--quiet', 'print only the summary')
    .addOption(new Option('--domain <domain>', 'only this domain').choices(['terminal', 'mcp', 'search']))
    .action(async (options) => {
      process.exitCode = await runDemo(options);
    });

  program
    .command('schema')
    .description('print JSON Schemas: worldspec, session, step-result, or the action schema of a spec')
    .argument('[name]', 'worldspec | session | step-result | reset-result | action', 'worldspec')
    .option('--spec <spec>', 'for "action": the WorldSpec whose action schema to print')
    .action(async (name: string, options: { spec?: string }) => {
      process.exitCode = await runSchema(name, options);
    });

  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(formatError(toAgentWorldError(error)));
    process.exitCode = 2;
  });
