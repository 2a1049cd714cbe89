import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import {
  renderTerminalCompletion,
  resolveTerminalSetup,
  type TerminalAction,
} from '../../../domains/terminal/index.js';
import { findBwrap } from '../sandbox/find-bwrap.js';
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from '../sandbox/sandbox-limits.js';
import { TerminusShell } from './terminus-shell.js';

export interface RealTerminalEngineOptions {
  /** The bubblewrap executable (default: `bwrap` on PATH). */
  readonly bwrapPath?: string | undefined;
  /** Pane width and height; Terminus' tmux pane is 160×40. */
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
  readonly limits?: Partial<SandboxLimits> | undefined;
  /** Most sandboxes open at once; the least recently used one is closed first (it is rebuilt if needed). */
  readonly maxSessions?: number | undefined;
  /** Longest wait for a new sandbox's first prompt, in milliseconds (default 20 000). */
  readonly startTimeoutMs?: number | undefined;
}

interface SandboxedSession {
  readonly shell: TerminusShell;
  /** The actions this sandbox ran, as JSON: a session whose history differs gets a fresh sandbox. */
  readonly actions: string[];
}

/**
 * The real terminal: each session runs in its own bubblewrap sandbox (no network, only its tmpfs directories
 * writable, process, memory, CPU and disk limits) holding an interactive bash on a 160×40 pseudo-terminal, driven
 * with Terminus semantics. A sandbox starts with a session's first step and is closed with the engine (or when
 * more than `maxSessions` are open). A fork or a restored session whose history this engine did not run gets a
 * fresh sandbox that replays the history's actions first. Infra failures are ENGINE_UNAVAILABLE.
 */
export class RealTerminalEngine implements Engine {
  readonly id = 'real';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private readonly sessions = new Map<string, SandboxedSession>();
  private readonly columns: number;
  private readonly rows: number;
  private readonly limits: SandboxLimits;
  private readonly maxSessions: number;
  private closed = false;

  constructor(private readonly options: RealTerminalEngineOptions = {}) {
    this.columns = options.columns ?? 160;
    this.rows = options.rows ?? 40;
    this.limits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
    this.maxSessions = options.maxSessions ?? 16;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id, executor: 'bash in bubblewrap', columns: this.columns, rows: this.rows };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    this.requireTerminal(spec);
    this.requireBwrap();
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    if (this.closed) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The real terminal engine is closed.');
    this.requireTerminal(request.spec);
    const action = request.action as TerminalAction;
    const history = request.history.map((turn) => JSON.stringify(turn.action));
    let observation: string;
    if (action.length === 0) {
      const last = request.history.at(-1)?.observation ?? resolveTerminalSetup(request.spec).initialScreen;
      observation = renderTerminalCompletion(last);
      const session = this.sessions.get(request.sessionId);
      if (session !== undefined && sameActions(session.actions, history)) session.actions.push('[]');
    } else {
      const session = await this.sessionFor(request, history, options);
      try {
        observation = await session.shell.runTurn(action, options);
        session.actions.push(JSON.stringify(action));
      } catch (error) {
        this.drop(request.sessionId);
        throw asInfraFailure(error);
      }
    }
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }

  /** Ends the sandbox of a closed session. */
  async releaseSession(sessionId: string): Promise<void> {
    this.drop(sessionId);
  }

  /** Sessions whose sandbox is running. */
  get openSessions(): number {
    return this.sessions.size;
  }

  private async sessionFor(
    request: PredictRequest,
    history: readonly string[],
    options: CallOptions,
  ): Promise<SandboxedSession> {
    const existing = this.sessions.get(request.sessionId);
    if (existing?.shell.alive && sameActions(existing.actions, history)) {
      this.sessions.delete(request.sessionId);
      this.sessions.set(request.sessionId, existing);
      return existing;
    }
    this.drop(request.sessionId);
    const shell = await TerminusShell.start({
      setup: resolveTerminalSetup(request.spec),
      bwrapPath: this.requireBwrap(),
      limits: this.limits,
      columns: this.columns,
      rows: this.rows,
      startTimeoutMs: this.options.startTimeoutMs ?? 20_000,
      signal: options.signal,
    });
    const session: SandboxedSession = { shell, actions: [] };
    try {
      for (const turn of request.history) {
        const action = turn.action as TerminalAction;
        if (action.length > 0) await shell.runTurn(action, options);
        session.actions.push(JSON.stringify(action));
      }
    } catch (error) {
      shell.close();
      throw asInfraFailure(error);
    }
    this.sessions.set(request.sessionId, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    return session;
  }

  private drop(sessionId: string): void {
    this.sessions.get(sessionId)?.shell.close();
    this.sessions.delete(sessionId);
  }

  private requireTerminal(spec: WorldSpec): void {
    if (spec.domain !== 'terminal') {
      throw new AgentWorldError(
        'UNSUPPORTED',
        `The real terminal engine runs terminal worlds, not ${spec.domain}.`,
      );
    }
  }

  private requireBwrap(): string {
    const found = findBwrap(this.options.bwrapPath);
    if (found !== undefined) return found;
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      'The real terminal needs bubblewrap (bwrap): install it (apt-get install bubblewrap) or pass its path.',
    );
  }
}

function sameActions(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

function asInfraFailure(error: unknown): unknown {
  if (isAgentWorldError(error)) return error;
  return new AgentWorldError('ENGINE_UNAVAILABLE', `The real terminal failed: ${String(error)}`, {
    cause: error,
  });
}

/** A real terminal engine (see RealTerminalEngine). */
export function createRealTerminalEngine(options: RealTerminalEngineOptions = {}): RealTerminalEngine {
  return new RealTerminalEngine(options);
}
