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
  parseTrailingPrompt,
  renderTerminalCompletion,
  renderTerminalPrompt,
  renderTerminalScreen,
  resolveTerminalSetup,
  type TerminalScreenEntry,
  type TerminalSetup,
} from '../../domains/terminal/index.js';
import { isWithin, resolvePath } from '../../domains/terminal/paths.js';
import { parseShellLine } from '../../domains/terminal/shell-words.js';
import { SANDBOX_PATH } from '../../engines/real/sandbox/sandbox-command.js';
import { writablePathsOf } from '../../engines/real/terminal/shell-setup.js';
import type { Twin, TwinAnswer, TwinState } from '../twin.js';
import { ALLOWED_COMMANDS, READ_ONLY_COMMANDS } from './allow-list.js';
import { declineReason } from './classify-line.js';
import { splitCommandLines } from './command-lines.js';
import { hostWriteRefusal } from './host-writes.js';
import type { LineWorld } from './run-line.js';
import { runPerturbedLine } from './run-perturbed-line.js';
import { runStatements } from './run-statements.js';
import { type TurnPerturbations, turnPerturbations } from './twin-perturbations.js';
import { emptyFiles } from './virtual-files.js';

export const TERMINAL_TWIN_VERSION = 1;
/** The real engine's pane: 160 columns. */
const PANE_COLUMNS = 160;
const PANE_ROWS = 40;

interface SessionWorld extends LineWorld {
  /** The actions this world has taken in, as JSON: a request whose history differs rebuilds it. */
  readonly actions: readonly string[];
  readonly unknowns: readonly string[];
  /** A program still runs (the last screen ends without a prompt): the twin cannot type into it. */
  readonly busy: boolean;
  /** The last screen (for `[]`, the completion question). */
  readonly lastScreen: string;
}

type TerminalKeys = ReadonlyArray<{ readonly keystrokes: string; readonly duration: number }>;

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
    const outcome = await this.step(world, action, setup, perturbations, options);
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
      const outcome = await this.step(world, action, setup, perturbations, options);
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
              return { roots: writablePathsOf(setup), lsWidth: width, signal: options.signal };
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
        );
        if (reason !== undefined) return { kind: 'declined', reason };
        const lsWidth = lsOutputWidth(line.script, lookup, setup.home);
        if (lsWidth === 'mixed') return { kind: 'declined', reason: 'ls both to the terminal and to a pipe' };
        const ran = await runStatements(line.script, current, {
          roots: writablePathsOf(setup),
          lsWidth,
          signal: options.signal,
        });
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

/** Recorded once a model answered a turn: it may have set shell variables the twin cannot see. */
const VARIABLES_UNKNOWN = 'shell variables a model-answered turn may have set';

function initialWorld(setup: TerminalSetup): SessionWorld {
  const env: Record<string, string> = {
    HOME: setup.home,
    // Bash sets it at start (the sandbox's real shell shows /bin/bash).
    SHELL: '/bin/bash',
    USER: setup.user,
    LOGNAME: setup.user,
    HOSTNAME: setup.host,
    PATH: SANDBOX_PATH,
    LC_ALL: 'C',
    LANG: 'C',
    TERM: 'dumb',
    COLUMNS: String(PANE_COLUMNS),
    LINES: String(PANE_ROWS),
    SHLVL: '1',
    PWD: setup.cwd,
  };
  return {
    files: emptyFiles([...writablePathsOf(setup), setup.home, setup.cwd]),
    cwd: setup.cwd,
    env,
    status: 0,
    tainted: [],
    actions: [],
    unknowns: [],
    busy: false,
    lastScreen: setup.initialScreen,
  };
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
    if (command.words[0]?.text !== 'ls') continue;
    const redirected = command.redirects.some((redirect) => /^(?:>|>>|>\||&>|&>>)$/.test(redirect.operator));
    targets.add(command.after !== '|' && command.after !== '|&' && !redirected);
  }
  if (targets.size > 1) return 'mixed';
  return targets.has(true) ? PANE_COLUMNS : undefined;
}

function programNames(script: string, lookup: (name: string) => string | undefined, home: string): string[] {
  const parsed = parseShellLine(script.split('\n')[0] ?? '', { lookup, home });
  return parsed.commands.map((command) => command.words[0]?.text ?? '').filter((name) => name !== '');
}

/**
 * The world after a model answered `action` with `observation`: the prompt's directory is taken in; what the
 * action may have written becomes unknown (its path operands for programs the twin knows, every file for others).
 */
function absorbed(
  world: SessionWorld,
  action: TerminalKeys,
  observation: string,
  setup: TerminalSetup,
): SessionWorld {
  const tainted = new Set(world.tainted);
  const unknowns = new Set(world.unknowns);
  let cwd = world.cwd;
  const lookup = (name: string): string | undefined => world.env[name];
  for (const command of action) {
    const text = command.keystrokes;
    if (isTerminalControlKey(text)) {
      if (!isTerminalEnterKey(text)) unknowns.add(`effects of key ${text}`);
      continue;
    }
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const parsed = parseShellLine(line, { lookup, home: setup.home });
      for (const simple of parsed.commands) {
        const name = simple.words[0]?.text ?? '';
        const writes = simple.redirects
          .filter((redirect) => redirect.operator.includes('>') && redirect.target !== undefined)
          .map((redirect) => redirect.target?.text ?? '');
        if (name !== '' && !READ_ONLY_COMMANDS.has(name) && ALLOWED_COMMANDS[name] === undefined) {
          for (const root of writablePathsOf(setup)) tainted.add(root);
          unknowns.add(`files after \`${line}\` (program not in twin: ${name})`);
          continue;
        }
        const operands =
          READ_ONLY_COMMANDS.has(name) && name !== 'cd'
            ? []
            : simple.words.slice(1).filter((word) => !word.text.startsWith('-'));
        for (const operand of operands) {
          if (operand.unresolved || operand.glob) {
            tainted.add(cwd);
            continue;
          }
          if (name === 'cd') continue;
          tainted.add(resolvePath(cwd, operand.text));
        }
        for (const target of writes) {
          if (target !== '/dev/null') tainted.add(resolvePath(cwd, target));
        }
      }
    }
  }
  const lastLine = observation.split('\n').at(-1) ?? '';
  const prompt = parseTrailingPrompt(lastLine, setup);
  if (prompt?.cwd !== undefined) cwd = prompt.cwd;
  else unknowns.add('working directory (no prompt on the last screen)');
  for (const path of tainted) unknowns.add(`content of ${path}`);
  return {
    ...world,
    cwd,
    env: { ...world.env, PWD: cwd },
    status: undefined,
    tainted: [...tainted],
    unknowns: [...new Set([...unknowns, 'exit status of the model-answered turn', VARIABLES_UNKNOWN])],
    actions: [...world.actions, JSON.stringify(action)],
    busy: prompt === undefined,
    lastScreen: observation,
  };
}

function stateOf(world: SessionWorld): TwinState {
  const files = [...world.files.entries()].map(([path, record]) =>
    record.kind === 'directory' ? `${path}/` : path,
  );
  const known = files.filter(
    (path) => !world.tainted.some((prefix) => isWithin(path.replace(/\/$/, ''), prefix)),
  );
  return {
    summary: [
      `cwd: ${world.cwd}`,
      `last exit status: ${world.status}`,
      `files: ${known.join(' ') || '(none)'}`,
      ...(world.unknowns.length > 0 ? [`unknown: ${world.unknowns.join('; ')}`] : []),
    ].join('\n'),
    facts: { cwd: world.cwd, env: world.env, files: known, status: world.status },
    unknowns: world.unknowns,
  };
}

function sameActions(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** A terminal twin (see TerminalTwin). */
export function createTerminalTwin(options: TerminalTwinOptions = {}): TerminalTwin {
  return new TerminalTwin(options);
}
