import { type AgentWorldError, isAgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { canonicalJson } from '../../core/hash.js';
import type { Turn } from '../../core/turn.js';
import { BUNDLED_TERMINAL_MODEL, findBundledModel } from '../../engines/local/bundled-model.js';
import { createEnv } from '../../session/create-env.js';
import { readSpecFile } from '../../session/spec-file.js';
import { bold, describeTurn, dim, formatError } from '../output.js';

/** The bundled example whose shell is the one the embedded model was trained on (`user@sim:~$`). */
export const EMBEDDED_DEMO_SPEC = 'terminal-embedded';

/** Bytes the model may write per command in the demo (its commands print little; a runaway stops early). */
const DEMO_MAX_TOKENS = 256;

/** The file the scripted agent works on when the screen names none. */
const DEFAULT_FILE = 'words.txt';

/** The commands of the scripted agent; `{file}` is the file name the `ls` screen showed. */
const DEMO_PLAN: readonly string[] = [
  'mkdir notes',
  'cd notes',
  "printf 'alpha\\nbeta\\ngamma\\ndelta\\n' > words.txt",
  'ls',
  'cat {file}',
  'wc -l {file}',
];

/** Index in DEMO_PLAN of the `ls` whose screen names the file the later commands use. */
const LISTING_STEP = 3;

/**
 * The file name an `ls` screen shows (in its output, between the echo line and the next prompt): the first
 * name with an extension (`notes  words.txt` gives `words.txt`, as `notes` is likely a folder), else the first
 * name, else undefined. Only safe names are taken: letters, digits, `.`, `_` and `-`, not starting with `-`.
 */
export function firstListedName(screen: string): string | undefined {
  const names = screen
    .split('\n')
    .slice(1, -1)
    .flatMap((line) => line.trim().split(/\s+/))
    .filter((word) => /^[A-Za-z0-9_][A-Za-z0-9._-]{0,39}$/.test(word));
  return names.find((name) => /.\.[A-Za-z0-9]+$/.test(name)) ?? names[0];
}

/**
 * The scripted agent of the closed loop: command `step` (0-based) of the plan, filled in from the screens seen
 * so far (the file to read is taken off the `ls` screen). Undefined after the last command.
 */
export function embeddedDemoCommand(step: number, screens: readonly string[]): string | undefined {
  const template = DEMO_PLAN[step];
  if (template === undefined) return undefined;
  const listing = screens[LISTING_STEP];
  const file = (listing === undefined ? undefined : firstListedName(listing)) ?? DEFAULT_FILE;
  return template.split('{file}').join(file);
}

/** How the embedded-model part of the demo ended. */
export type EmbeddedDemoOutcome =
  | { readonly kind: 'ran'; readonly failed: boolean }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface EmbeddedDemoFlags {
  readonly quiet?: boolean | undefined;
  /** A GGUF file to use instead of the shipped model. */
  readonly localModel?: string | undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The engine events worth showing under a simulated screen (low confidence, unsupported, cut output). */
function engineNotes(turn: Turn): string {
  const notes = turn.events
    .map((event) => event.type)
    .filter((type) => type.startsWith('local.') && type !== 'local.window');
  return notes.length === 0 ? '' : ` · ${notes.join(', ')}`;
}

/**
 * The demo's second part: a short closed-loop terminal session whose every screen is predicted by the embedded
 * model on this CPU (through the real Session: prompt layout, ledger, checks, provenance). A scripted agent
 * sends the commands; the later ones use a file name read off an earlier screen. Skipped, with one dim line,
 * when the model file or node-llama-cpp is missing.
 */
export async function runEmbeddedDemo(flags: EmbeddedDemoFlags): Promise<EmbeddedDemoOutcome> {
  const say = (text: string): void => {
    if (!flags.quiet) console.log(text);
  };
  const skipped = (reason: string): EmbeddedDemoOutcome => {
    console.log(dim(`\nEmbedded model: skipped — ${reason}`));
    return { kind: 'skipped', reason };
  };
  const modelPath = flags.localModel ?? findBundledModel();
  if (modelPath === undefined) {
    return skipped(
      `this installation has no models/${BUNDLED_TERMINAL_MODEL} (pass --local-model FILE.gguf to use another).`,
    );
  }
  const { createLocalEngine } = await import('../../engines/local/index.js');
  const loadStarted = performance.now();
  let engine: Awaited<ReturnType<typeof createLocalEngine>>;
  try {
    engine = await createLocalEngine({ modelPath, maxTokens: DEMO_MAX_TOKENS });
  } catch (error) {
    // A missing node-llama-cpp, an unreadable file or a model of another layout: not a failure of the demo.
    if (isAgentWorldError(error, 'ENGINE_UNAVAILABLE') || isAgentWorldError(error, 'CONFIG_INVALID')) {
      return skipped(error.message);
    }
    throw error;
  }
  const loadMs = performance.now() - loadStarted;
  const label = `simulated by the embedded model ${engine.model} on this CPU — not a real shell`;
  const turns: Turn[] = [];
  let failure: AgentWorldError | undefined;
  try {
    const spec = await readSpecFile(EMBEDDED_DEMO_SPEC);
    const env = await createEnv(spec, { engine });
    const reset = await env.reset();
    say('');
    say(bold(`=== terminal · ${env.spec.id} · ${label}`));
    if (env.spec.task) say(`${bold('Task:')} ${env.spec.task}`);
    say(reset.observation);
    const screens: string[] = [];
    try {
      for (let step = 0; ; step++) {
        const command = embeddedDemoCommand(step, screens);
        if (command === undefined) break;
        const action = [{ keystrokes: `${command}\n`, duration: 1 }];
        const result = await env.step(action);
        const turn = result.info.turn;
        turns.push(turn);
        screens.push(result.observation);
        say(bold(`--- action ${turn.index}: ${canonicalJson(turn.action)}`));
        say(result.observation);
        say(dim(`${describeTurn(turn)}${engineNotes(turn)}`));
      }
    } finally {
      await env.close();
    }
  } catch (error) {
    failure = toAgentWorldError(error);
  } finally {
    await engine.close();
  }
  const latencies = turns.map((turn) => turn.timing.totalMs);
  const passed = turns.reduce(
    (sum, turn) => sum + turn.checks.filter((check) => check.status === 'pass').length,
    0,
  );
  const failed = turns.reduce(
    (sum, turn) => sum + turn.checks.filter((check) => check.status === 'fail').length,
    0,
  );
  const unsupported = turns.filter((turn) =>
    turn.events.some((event) => event.type === 'local.unsupported'),
  ).length;
  console.log(
    `\nEmbedded model: ${turns.length} commands ${label}; model loaded in ${loadMs.toFixed(0)} ms, ` +
      `${median(latencies).toFixed(0)} ms per step (median; slowest ${Math.max(0, ...latencies).toFixed(0)} ms): ` +
      `checks ${passed} passed, ${failed} failed${unsupported === 0 ? '' : `; ${unsupported} commands unsupported`}.`,
  );
  if (failure !== undefined) {
    console.log(`Embedded model: the session stopped: ${formatError(failure)}`);
    return { kind: 'ran', failed: true };
  }
  return { kind: 'ran', failed: false };
}
