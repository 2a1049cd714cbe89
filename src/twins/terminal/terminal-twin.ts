/**
 * The terminal twin: a virtual bash (just-bash on an in-memory file system) that answers a Terminus turn only
 * when its screen equals the real terminal engine's byte for byte, and declines the rest with a reason. Its world
 * is the sandbox's writable tmpfs directories (/tmp, the home's and the start directory's top directories), which
 * start empty in the real engine too. The host files the sandbox binds read-only (/etc, /usr …) are read lazily
 * from this machine (host-files.ts lists what is not shown the same, and why); a change to them, and any other
 * path, is declined.
 */
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { PredictRequest } from '../../core/engine.js';
import {
  isTerminalControlKey,
  isTerminalEnterKey,
  renderTerminalCompletion,
  renderTerminalPrompt,
  renderTerminalScreen,
  resolveTerminalSetup,
  type TerminalScreenEntry,
  type TerminalSetup,
} from '../../domains/terminal/index.js';
import { isWithin, resolvePath } from '../../domains/terminal/paths.js';
import { parseShellLine } from '../../domains/terminal/shell-words.js';
import { writablePathsOf } from '../../engines/real/terminal/shell-setup.js';
import type { Twin, TwinAnswer } from '../twin.js';
import { declineReason } from './classify-line.js';
import { splitCommandLines } from './command-lines.js';
import { hostWriteRefusal } from './host-writes.js';
import type { LineContext, LineWorld } from './run-line.js';
import { runPerturbedLine } from './run-perturbed-line.js';
import { runStatements } from './run-statements.js';
import {
  absorbed,
  initialWorld,
  PANE_COLUMNS,
  PANE_ROWS,
  programNames,
  type SessionWorld,
  stateOf,
  type TerminalKeys,
  VARIABLES_UNKNOWN,
} from './session-world.js';
import { commandWords } from './shell-keywords.js';
import { type TurnPerturbations, turnPerturbations } from './twin-perturbations.js';

export const TERMINAL_TWIN_VERSION = 1;
export interface TerminalTwinOptions {
  /** Most sessions kept; the least recently used is dropped (and rebuilt from history if it comes back). */
  readonly maxSessions?: number | undefined;
}

export class TerminalTwin implements Twin {
  readonly id = 'terminal-twin';
  private readonly sessions = new Map<string, SessionWorld>();
  private readonly maxSessions: number;

  constructor(options: TerminalTwinOptions = {}) {
    this.maxSessions = options.maxSessions ?? 256;
  }

  identity(): Record<string, unknown> {
    return { twin: this.id, version: TERMINAL_TWIN_VERSION, shell: 'just-bash', columns: PANE_COLUMNS };
  }

  supports(request: Pick<PredictRequest, 'spec'>): boolean {
    if (request.spec.domain !== 'terminal') return false;
    try {
      const setup = resolveTerminalSetup(request.spec);
      // A first screen the spec spells out is the twin's own only when it is the bare prompt (a bench row's
      // rebuilt spec carries it); any other text is a screen the twin did not make.
      const text = request.spec.initialState.text;
      return (
        setup.promptTemplate.length > 0 &&
        (text === undefined || text === renderTerminalPrompt(setup, setup.cwd))
      );
    } catch {
      return false;
    }
  }

  async answer(request: PredictRequest, options: CallOptions = {}): Promise<TwinAnswer> {
    throwIfAborted(options.signal);
    const setup = resolveTerminalSetup(request.spec);
    const world = await this.worldFor(request, setup, options);
    const action = request.action as TerminalKeys;
    const perturbations = turnPerturbations(request);
    const outcome = await this.step(world, action, setup, perturbations, options, true);
    if (outcome.kind === 'declined')
      return { kind: 'declined', reason: outcome.reason, state: stateOf(world) };
    this.remember(request.sessionId, outcome.world);
    return {
      kind: 'answered',
      observation: outcome.world.lastScreen,
      reason: outcome.reason,
      ...(perturbations.kind === 'carried-out' ? { carriedOut: perturbations.ids } : {}),
    };
  }

  async absorb(request: PredictRequest, observation: string, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const setup = resolveTerminalSetup(request.spec);
    const world = await this.worldFor(request, setup, options);
    this.remember(request.sessionId, absorbed(world, request.action as TerminalKeys, observation, setup));
  }

  async releaseSession(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId);
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }

  private remember(sessionId: string, world: SessionWorld): void {
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, world);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }

  /** The session's world before this request's action, rebuilt from its history when unseen or diverged. */
  private async worldFor(
    request: PredictRequest,
    setup: TerminalSetup,
    options: CallOptions,
  ): Promise<SessionWorld> {
    const history = request.history.map((turn) => JSON.stringify(turn.action));
    const known = this.sessions.get(request.sessionId);
    if (known !== undefined && sameActions(known.actions, history)) return known;
    let world = initialWorld(setup);
    for (const turn of request.history) {
      const action = turn.action as TerminalKeys;
      const perturbations = turnPerturbations({
        spec: request.spec,
        seed: request.seed,
        turnIndex: turn.index,
        action: turn.action,
      });
      // A turn rebuilt from history happened at a time the twin does not know.
      const outcome = await this.step(world, action, setup, perturbations, options, false);
      world =
        outcome.kind === 'answered' && outcome.world.lastScreen === turn.observation
          ? outcome.world
          : absorbed(world, action, turn.observation, setup);
    }
    this.remember(request.sessionId, world);
    return world;
  }

  private async step(
    world: SessionWorld,
    action: TerminalKeys,
    setup: TerminalSetup,
    perturbations: TurnPerturbations,
    options: CallOptions,
    live: boolean,
  ): Promise<
    { kind: 'answered'; world: SessionWorld; reason: string } | { kind: 'declined'; reason: string }
  > {
    const actions = [...world.actions, JSON.stringify(action)];
    if (action.length === 0) {
      const screen = renderTerminalCompletion(world.lastScreen);
      return {
        kind: 'answered',
        world: { ...world, actions, lastScreen: screen },
        reason: 'completion question',
      };
    }
    if (world.busy)
      return { kind: 'declined', reason: 'a program still runs (no prompt on the last screen)' };
    let current: LineWorld = world;
    const entries: TerminalScreenEntry[] = [];
    const programs = new Set<string>();
    for (const command of action) {
      const keys = command.keystrokes;
      // What every line of this keystroke batch runs with; only the ls width differs by line.
      const lineContext = (lsWidth: number | undefined): LineContext => ({
        roots: writablePathsOf(setup),
        lsWidth,
        waitSeconds: command.duration,
        user: setup.user,
        clockKnown: live,
        signal: options.signal,
      });
      if (isTerminalControlKey(keys) && !isTerminalEnterKey(keys)) {
        return { kind: 'declined', reason: `control key: ${keys}` };
      }
      const split = splitCommandLines(isTerminalEnterKey(keys) ? '\n' : keys, setup.home);
      if (split.kind === 'unsupported') return { kind: 'declined', reason: split.reason };
      for (const line of split.lines) {
        const prompt = renderTerminalPrompt(setup, current.cwd);
        if (line.script.trim() === '') {
          entries.push({ prompt, typed: line.typed, output: '' });
          continue;
        }
        const lookup = (name: string): string | undefined => current.env[name];
        if (current.status === undefined && line.script.includes('$?')) {
          return { kind: 'declined', reason: 'exit status of a model-answered turn' };
        }
        const carriedOut =
          perturbations.kind === 'carried-out'
            ? perturbations
            : hostWriteRefusal(line.script, { cwd: current.cwd, home: setup.home }, writablePathsOf(setup));
        if (carriedOut !== undefined) {
          const ran = await runPerturbedLine(line.script, current, carriedOut, {
            home: setup.home,
            declineReason: (text, piece) =>
              declineReason(
                text,
                (name) => piece.env[name],
                setup.home,
                world.unknowns.includes(VARIABLES_UNKNOWN),
              ),
            contextFor: (text, piece) => {
              const width = lsOutputWidth(text, (name) => piece.env[name], setup.home);
              if (width === 'mixed') return { declined: 'ls both to the terminal and to a pipe' };
              return lineContext(width);
            },
          });
          if (ran.kind === 'declined') return ran;
          for (const name of programNames(line.script, lookup, setup.home)) programs.add(name);
          entries.push({ prompt, typed: line.typed, output: ran.output });
          current = ran.world;
          continue;
        }
        const reason = declineReason(
          line.script.split('\n')[0] ?? '',
          lookup,
          setup.home,
          world.unknowns.includes(VARIABLES_UNKNOWN),
          { scriptOf: (path) => scriptText(current, path) },
        );
        if (reason !== undefined) return { kind: 'declined', reason };
        const lsWidth = lsOutputWidth(line.script, lookup, setup.home);
        if (lsWidth === 'mixed') return { kind: 'declined', reason: 'ls both to the terminal and to a pipe' };
        const ran = await runStatements(line.script, current, lineContext(lsWidth));
        if (ran.kind === 'declined') return ran;
        for (const name of programNames(line.script, lookup, setup.home)) programs.add(name);
        entries.push({ prompt, typed: line.typed, output: ran.output });
        current = ran.world;
      }
    }
    const screen = renderTerminalScreen({
      entries,
      finalPrompt: renderTerminalPrompt(setup, current.cwd),
      maxLines: PANE_ROWS,
    });
    return {
      kind: 'answered',
      world: { ...current, actions, unknowns: world.unknowns, busy: false, lastScreen: screen },
      reason: `virtual shell: ${[...programs].sort().join(' ') || 'prompt'}${
        perturbations.kind === 'carried-out' ? ` (carried out: ${perturbations.ids.join(', ')})` : ''
      }`,
    };
  }
}

/** Where each `ls` of the line writes: the pane (its width), a pipe or file (undefined), or both ('mixed'). */
function lsOutputWidth(
  script: string,
  lookup: (name: string) => string | undefined,
  home: string,
): number | undefined | 'mixed' {
  const parsed = parseShellLine(script.split('\n')[0] ?? '', { lookup, home });
  const targets = new Set<boolean>();
  for (const command of parsed.commands) {
    const shape = commandWords(command.words.map((word) => word.text));
    if (shape.kind !== 'command' || command.words[shape.start]?.text !== 'ls') continue;
    const redirected = command.redirects.some((redirect) => /^(?:>|>>|>\||&>|&>>)$/.test(redirect.operator));
    targets.add(command.after !== '|' && command.after !== '|&' && !redirected);
  }
  if (targets.size > 1) return 'mixed';
  return targets.has(true) ? PANE_COLUMNS : undefined;
}

/** The text of the twin's file at `path` (from the working directory), unless a model-answered turn changed it. */
function scriptText(world: LineWorld, path: string): string | undefined {
  const absolute = resolvePath(world.cwd, path);
  if (world.tainted.some((prefix) => isWithin(absolute, prefix))) return undefined;
  const record = world.files.get(absolute);
  return record?.kind === 'file' ? Buffer.from(record.content).toString('utf8') : undefined;
}

function sameActions(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** A terminal twin (see TerminalTwin). */
export function createTerminalTwin(options: TerminalTwinOptions = {}): TerminalTwin {
  return new TerminalTwin(options);
}
