import { type RawData, WebSocket } from 'ws';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { SessionManager } from '../sessions/session-manager.js';
import type { TaskEpisodes } from '../tasks/task-episodes.js';
import type { ServerMetrics } from './metrics.js';
import { readWsMessage, stepActionOf, wsErrorResponse } from './websocket-messages.js';
import type { WsIncomingMessage } from './websocket-wire-schemas.js';
import { anyStepAnswer, closeAnySession, resetAnswer, stateAnswer } from './wire-answers.js';
import type { ResetRequestBody } from './wire-schemas.js';

export interface WebSocketConnectionOptions {
  readonly manager: SessionManager;
  readonly metrics: ServerMetrics;
  /** The spec a `reset` without one uses. */
  readonly defaultSpec: unknown;
  /** The server's tasks: `reset` with a `task_id` starts a task episode. */
  readonly tasks?: TaskEpisodes | undefined;
}

/**
 * Messages one connection may have waiting behind the one being handled. A client that sends more without
 * reading the answers gets SESSION_BUSY for the extra ones instead of growing the server's memory.
 */
export const MAX_QUEUED_MESSAGES = 64;

/** How long a server shutdown waits for the client to answer the close frame before cutting the socket. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * One `/ws` connection: at most one session at a time, owned by the key the connection authenticated with.
 * Messages are handled strictly in order (a step waits for the one before it). When the client goes away the
 * running step is aborted and the session closed; its committed turns stay in the store.
 */
export class WebSocketConnection {
  private sessionId: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly controller = new AbortController();
  /** Set once the client closed or left: later messages are ignored. */
  private ended = false;
  private finished: Promise<void> | undefined;
  private awaitingPong = false;
  private queued = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly owner: string,
    private readonly options: WebSocketConnectionOptions,
  ) {
    socket.on('message', (data) => {
      this.awaitingPong = false;
      if (this.ended) return;
      if (this.queued >= MAX_QUEUED_MESSAGES) {
        this.send(
          wsErrorResponse(
            new AgentWorldError(
              'SESSION_BUSY',
              `More than ${MAX_QUEUED_MESSAGES} messages are waiting on this connection; this one was dropped. Wait for answers before sending more.`,
              { details: { limit: MAX_QUEUED_MESSAGES } },
            ),
          ),
        );
        return;
      }
      this.queued += 1;
      void this.enqueue(async () => {
        try {
          await this.handle(data);
        } finally {
          this.queued -= 1;
        }
      });
    });
    socket.on('pong', () => {
      this.awaitingPong = false;
    });
    socket.on('close', () => void this.end('The WebSocket client disconnected.'));
    // An 'error' (e.g. a message over the size limit) is followed by 'close'; nothing more to do here.
    socket.on('error', () => undefined);
  }

  /** The session this connection holds now, if any. */
  get currentSessionId(): string | undefined {
    return this.sessionId;
  }

  /**
   * Aborts the running step and closes the session once the queued work has settled. Idempotent; resolves when
   * the session is closed.
   */
  end(reason: string): Promise<void> {
    if (this.finished === undefined) {
      this.ended = true;
      this.controller.abort(new AgentWorldError('ABORTED', reason));
      this.finished = this.enqueue(() => this.closeSession());
    }
    return this.finished;
  }

  /** Server shutdown: a going-away close frame, the session closed, then the socket ends. */
  async shutdown(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) resolve();
      else this.socket.once('close', () => resolve());
    });
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1001, 'server shutting down');
    await this.end('The server is shutting down.');
    const timer = setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_MS);
    await closed;
    clearTimeout(timer);
  }

  /** Called by the heartbeat: a client that did not answer the previous ping is cut off. */
  heartbeat(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.awaitingPong) {
      this.socket.terminate();
      return;
    }
    this.awaitingPong = true;
    this.socket.ping();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch(() => undefined);
    this.queue = next;
    return next;
  }

  private async handle(data: RawData): Promise<void> {
    if (this.ended) return;
    const read = readWsMessage(textOf(data));
    if ('error' in read) {
      this.send(wsErrorResponse(read.error, read.openenvCode));
      return;
    }
    try {
      await this.dispatch(read.message);
    } catch (error) {
      this.send(wsErrorResponse(error));
    }
  }

  private async dispatch(message: WsIncomingMessage): Promise<void> {
    switch (message.type) {
      case 'reset':
        await this.reset(message.data ?? {});
        return;
      case 'step':
        await this.step(message.data);
        return;
      case 'state':
        this.send({
          type: 'state',
          data: await stateAnswer(this.options.manager, this.owner, this.requireSession('state')),
        });
        return;
      case 'close':
        this.ended = true;
        await this.closeSession();
        this.socket.close(1000, 'session closed');
        return;
    }
  }

  /** A new session; the one this connection held before is closed first (as OpenEnv starts a new episode). */
  private async reset(body: ResetRequestBody): Promise<void> {
    await this.closeSession();
    const { manager, defaultSpec, tasks } = this.options;
    const answer = await resetAnswer(manager, this.owner, body, defaultSpec, {
      signal: this.controller.signal,
      tasks,
    });
    this.sessionId = answer.session_id;
    this.send({ type: 'observation', data: answer });
  }

  private async step(data: unknown): Promise<void> {
    const sessionId = this.requireSession('step');
    const { action, timeoutMs, done, finalAnswer } = stepActionOf(data);
    const { manager, metrics, tasks } = this.options;
    const started = performance.now();
    try {
      const answer = await anyStepAnswer(manager, tasks, this.owner, {
        sessionId,
        action,
        done,
        finalAnswer,
        signal: this.controller.signal,
        timeoutMs,
      });
      metrics.stepSucceeded((performance.now() - started) / 1000);
      this.send({ type: 'observation', data: answer });
    } catch (error) {
      metrics.stepFailed(toAgentWorldError(error).code);
      throw error;
    }
  }

  private requireSession(what: string): string {
    if (this.sessionId === undefined) {
      throw new AgentWorldError(
        'SESSION_NOT_STARTED',
        `Send { "type": "reset" } before ${what}: this connection holds no session.`,
      );
    }
    return this.sessionId;
  }

  private async closeSession(): Promise<void> {
    const sessionId = this.sessionId;
    if (sessionId === undefined) return;
    this.sessionId = undefined;
    try {
      await closeAnySession(this.options.manager, this.options.tasks, this.owner, sessionId);
    } catch {
      // Already gone (reaped, or the store closed under us): its committed turns are what they are.
    }
  }

  private send(message: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
