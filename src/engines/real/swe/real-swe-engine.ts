/**
 * `real-swe`: the swe domain carried out for real. Each session gets its own git repository in a bubblewrap
 * sandbox (no network, only the repository and a private /tmp writable), mounted at the spec's working directory,
 * and every dialect's tools run there with that harness's exact result texts. A fork or a restored session
 * whose history this engine did not run gets a fresh repository that replays the history's actions first.
 */
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import { readSweInitialData, type SweAction, sweDialectOf } from '../../../domains/swe/index.js';
import { requireBwrap } from '../sandbox/index.js';
import { sweResult } from './dialect-results.js';
import { SweWorkspace } from './swe-workspace.js';

export interface RealSweEngineOptions {
  /** The bubblewrap executable (default: `bwrap` on PATH). */
  readonly bwrapPath?: string;
  /** How long one command may run (default 30 s, mini-swe-agent's and SWE-agent's default). */
  readonly commandTimeoutSeconds?: number;
  /** Most sessions kept open at once; the least recently used one is dropped (default 8). */
  readonly maxSessions?: number;
}

interface SweSessionState {
  readonly workspace: SweWorkspace;
  /** The actions this workspace ran, as JSON. */
  readonly actions: string[];
}

export class RealSweEngine implements Engine {
  readonly id = 'real-swe';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private readonly bwrapPath: string;
  private readonly timeoutMs: number;
  private readonly maxSessions: number;
  private readonly sessions = new Map<string, SweSessionState>();

  constructor(options: RealSweEngineOptions = {}) {
    this.bwrapPath = requireBwrap(options.bwrapPath);
    this.timeoutMs = (options.commandTimeoutSeconds ?? 30) * 1000;
    this.maxSessions = options.maxSessions ?? 8;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id, commandTimeoutSeconds: this.timeoutMs / 1000 };
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const state = await this.sessionFor(request, options);
    const dialect = sweDialectOf(request.spec);
    const action = request.action as SweAction;
    const observation = await sweResult(dialect, action, state.workspace, options);
    state.actions.push(JSON.stringify(action));
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  private async sessionFor(request: PredictRequest, options: CallOptions): Promise<SweSessionState> {
    const history = request.history.map((turn) => JSON.stringify(turn.action));
    const existing = this.sessions.get(request.sessionId);
    this.sessions.delete(request.sessionId);
    if (existing !== undefined && sameActions(existing.actions, history)) {
      this.sessions.set(request.sessionId, existing);
      return existing;
    }
    existing?.workspace.close();
    const workspace = await this.newWorkspace(request.spec, options);
    const state: SweSessionState = { workspace, actions: [] };
    try {
      const dialect = sweDialectOf(request.spec);
      for (const turn of request.history) {
        await sweResult(dialect, turn.action as SweAction, workspace, options);
        state.actions.push(JSON.stringify(turn.action));
      }
    } catch (error) {
      workspace.close();
      throw error;
    }
    this.sessions.set(request.sessionId, state);
    while (this.sessions.size > this.maxSessions) {
      const [oldest] = this.sessions.keys();
      if (oldest === undefined) break;
      this.sessions.get(oldest)?.workspace.close();
      this.sessions.delete(oldest);
    }
    return state;
  }

  private newWorkspace(spec: WorldSpec, options: CallOptions): Promise<SweWorkspace> {
    const data = readSweInitialData(spec);
    return SweWorkspace.create(
      { bwrapPath: this.bwrapPath, cwd: data.cwd, files: data.files, timeoutMs: this.timeoutMs },
      options,
    );
  }

  async close(): Promise<void> {
    for (const state of this.sessions.values()) state.workspace.close();
    this.sessions.clear();
  }

  /** Removes the repository of a closed session. */
  async releaseSession(sessionId: string): Promise<void> {
    this.sessions.get(sessionId)?.workspace.close();
    this.sessions.delete(sessionId);
  }

  /** Sessions whose repository exists. */
  get openSessions(): number {
    return this.sessions.size;
  }
}

function sameActions(ran: readonly string[], history: readonly string[]): boolean {
  return ran.length === history.length && ran.every((action, index) => action === history[index]);
}
