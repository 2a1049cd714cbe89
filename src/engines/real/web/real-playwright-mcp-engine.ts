import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import { connectMcpServer, type McpServerConnection } from '../../../domains/mcp/index.js';
import {
  isWebBrowserGymAction,
  parseWebAction,
  type WebPlaywrightMcpAction,
  webDialectOf,
} from '../../../domains/web/index.js';
import { removeTree } from '../sandbox/remove-tree.js';
import {
  browserEnvironment,
  browserProcessOf,
  isRunning,
  processesWithHome,
  requireChromium,
  serverProcessOf,
} from './chromium.js';
import { sameActions } from './session-helpers.js';
import { type SiteProxy, startSiteProxy } from './site-proxy.js';
import { webSiteOf } from './web-site.js';

export interface RealPlaywrightMcpEngineOptions {
  /** The Chromium binary the server drives (default: `chromium` on PATH, Debian's /usr/bin/chromium). */
  readonly executablePath?: string | undefined;
  /** Per-call time limit in milliseconds (default 60 000); a slower call is ENGINE_TIMEOUT. */
  readonly callTimeoutMs?: number | undefined;
  /** Most sessions (server processes) open at once; the least recently used closes first (default 8). */
  readonly maxSessions?: number | undefined;
}

/** JSON-RPC codes the SDK uses for transport failures (infra, not observations). */
const TRANSPORT_CODES = new Set<number>([ErrorCode.ConnectionClosed, ErrorCode.RequestTimeout]);

const require = createRequire(import.meta.url);

/** The installed `@playwright/mcp` (the pinned dev dependency): its version and command-line entry. */
export function playwrightMcpPackage(): { version: string; cli: string } {
  let manifest: string;
  try {
    manifest = require.resolve('@playwright/mcp/package.json');
  } catch (error) {
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      'The real playwright-mcp engine needs @playwright/mcp (npm install @playwright/mcp).',
      { cause: error },
    );
  }
  const { version } = require(manifest) as { version: string };
  return { version, cli: join(manifest, '..', 'cli.js') };
}

interface ServerSession {
  readonly connection: McpServerConnection;
  readonly proxy: SiteProxy;
  /** The server's working directory, HOME and XDG folders (its snapshot files land here). */
  readonly home: string;
  readonly actions: string[];
  closed: boolean;
  /**
   * The server's Chromium once it started: the server would quietly start a fresh browser on an empty tab if
   * this one died, so a result after its death is not the session's world (ENGINE_UNAVAILABLE).
   */
  browserPid: number | undefined;
}

/**
 * playwright-mcp worlds served by the real `@playwright/mcp` server: one server process per session (stdio,
 * official SDK client), headless and `--isolated` on Debian's Chromium, with its working directory, HOME and
 * XDG folders in a temporary directory of the session and every request of its browser through the session's
 * proxy (site-proxy.ts: the spec's pages, other loopback hosts, nothing else). A session opens the spec's start
 * URL (`browser_navigate`) and takes the `browser_snapshot` the agent's first view (`initialState.text`) was;
 * each action is a real `tools/call` whose text is the observation and whose whole result is the turn's
 * `rawResult`. A dead server is ENGINE_UNAVAILABLE (a silent one ENGINE_TIMEOUT) and the recorded turns are
 * kept; a fork or restored session gets a fresh server that replays its history.
 */
export class RealPlaywrightMcpEngine implements Engine {
  readonly id = 'real';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private readonly sessions = new Map<string, ServerSession>();
  private closed = false;

  constructor(private readonly options: RealPlaywrightMcpEngineOptions = {}) {}

  identity(): Record<string, unknown> {
    return {
      engine: this.id,
      executor: 'web',
      dialect: 'playwright-mcp',
      server: `@playwright/mcp@${playwrightMcpPackage().version}+chromium`,
    };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    checkSpec(spec);
    requireChromium(this.options.executablePath);
    playwrightMcpPackage();
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    if (this.closed)
      throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The real playwright-mcp engine is closed.');
    checkSpec(request.spec);
    const action = toolCallOf(request.action, request.spec);
    const session = await this.sessionFor(request.spec, request.sessionId, request.history, options);
    try {
      const answer = await this.call(session, action, options);
      session.actions.push(JSON.stringify(request.action));
      return {
        ...answer,
        provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
        events: [],
      };
    } catch (error) {
      await this.drop(request.sessionId);
      throw error;
    }
  }

  /** Stops the server of a closed session and removes its temporary directory. */
  releaseSession(sessionId: string): Promise<void> {
    return this.drop(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions.keys()].map((id) => this.drop(id)));
  }

  /** Sessions whose server is running. */
  get openSessions(): number {
    return this.sessions.size;
  }

  /** The ids of a session's processes (the server, its browser and their children); empty when none runs. */
  processesOf(sessionId: string): number[] {
    const session = this.sessions.get(sessionId);
    return session === undefined ? [] : processesWithHome(session.home);
  }

  /** The id of a session's server process (undefined when none runs). */
  serverOf(sessionId: string): number | undefined {
    const session = this.sessions.get(sessionId);
    return session === undefined ? undefined : serverProcessOf(session.home);
  }

  /** The id of the Chromium a session's server drives (undefined before the session's first step). */
  browserOf(sessionId: string): number | undefined {
    return this.sessions.get(sessionId)?.browserPid;
  }

  /** The temporary directory of a session's server (undefined when none runs). */
  homeOf(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.home;
  }

  /** The hosts a session's browser was refused, oldest first. */
  refusedHostsOf(sessionId: string): readonly string[] {
    return this.sessions.get(sessionId)?.proxy.refused ?? [];
  }

  /**
   * What the agent sees first in a world of this spec (the page a session opens, as the spec's
   * `initialState.text` should show it), from a throwaway session; the example recorder writes specs with it.
   */
  async firstView(spec: WorldSpec, options: CallOptions = {}): Promise<string> {
    checkSpec(spec);
    const sessionId = `first-view-${randomUUID()}`;
    await this.sessionFor(spec, sessionId, [], options);
    try {
      return (await this.observe(sessionId)) ?? '';
    } finally {
      await this.drop(sessionId);
    }
  }

  /** What the session's page shows now (`browser_snapshot`; undefined when no server runs). */
  async observe(sessionId: string): Promise<string | undefined> {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return undefined;
    return (await this.call(session, { name: 'browser_snapshot', arguments: {} }, {})).observation;
  }

  private async call(
    session: ServerSession,
    action: { readonly name: string; readonly arguments: Readonly<Record<string, unknown>> },
    options: CallOptions,
  ): Promise<{ observation: string; rawResult?: Record<string, unknown> }> {
    try {
      const result = (await session.connection.client.callTool(
        { name: action.name, arguments: { ...action.arguments } },
        undefined,
        {
          timeout: this.options.callTimeoutMs ?? 60_000,
          ...(options.signal ? { signal: options.signal } : {}),
        },
      )) as CallToolResult;
      if (!browserRunning(session)) {
        throw new AgentWorldError(
          'ENGINE_UNAVAILABLE',
          'The real @playwright/mcp server lost its Chromium (the browser process ended).',
        );
      }
      return { observation: resultText(result), rawResult: result };
    } catch (error) {
      if (error instanceof McpError && !TRANSPORT_CODES.has(error.code) && !session.closed) {
        return { observation: error.message };
      }
      throw this.infraError(error, session, options.signal);
    }
  }

  private async sessionFor(
    spec: WorldSpec,
    sessionId: string,
    turns: PredictRequest['history'],
    options: CallOptions,
  ): Promise<ServerSession> {
    const history = turns.map((turn) => JSON.stringify(turn.action));
    const existing = this.sessions.get(sessionId);
    const lost = existing !== undefined && (existing.closed || !browserRunning(existing));
    if (existing !== undefined && !lost && sameActions(existing.actions, history)) {
      this.sessions.delete(sessionId);
      this.sessions.set(sessionId, existing);
      return existing;
    }
    await this.drop(sessionId);
    if (lost) {
      // The session's world went with its server or browser: say so once; the next step replays it afresh.
      throw new AgentWorldError(
        'ENGINE_UNAVAILABLE',
        'The real @playwright/mcp server or its Chromium ended under this session (it starts afresh at the next step).',
      );
    }
    const site = webSiteOf(spec);
    const chromium = requireChromium(this.options.executablePath);
    const { cli } = playwrightMcpPackage();
    // A short name: Chromium's singleton socket lives under it, and a socket path may not exceed 107 bytes.
    const home = mkdtempSync(join(tmpdir(), 'aw-pwmcp-'));
    const proxy = await startSiteProxy(site);
    let connection: McpServerConnection;
    try {
      connection = await connectMcpServer(
        {
          command: process.execPath,
          args: [
            cli,
            '--headless',
            '--isolated',
            '--no-sandbox',
            '--executable-path',
            chromium,
            '--proxy-server',
            proxy.url,
          ],
          // Its `--isolated` profile (pw-…/ under the temporary folder) goes in HOME too, removed with it.
          env: { ...browserEnvironment(home), TMPDIR: home, TMP: home, TEMP: home },
          cwd: home,
        },
        { clientName: 'agentworld-real', signal: options.signal },
      );
    } catch (error) {
      await proxy.close();
      removeTree(home);
      if (isAgentWorldError(error, 'ABORTED')) throw error;
      throw new AgentWorldError(
        'ENGINE_UNAVAILABLE',
        `The real @playwright/mcp server did not start: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const session: ServerSession = {
      connection,
      proxy,
      home,
      actions: [],
      closed: false,
      browserPid: undefined,
    };
    const previousOnClose = connection.client.onclose;
    connection.client.onclose = () => {
      session.closed = true;
      previousOnClose?.();
    };
    this.sessions.set(sessionId, session);
    try {
      if (site.startUrl !== undefined) {
        await this.call(session, { name: 'browser_navigate', arguments: { url: site.startUrl } }, options);
      }
      // The agent's first view was this snapshot; taking it again keeps the server's state as it was recorded.
      await this.call(session, { name: 'browser_snapshot', arguments: {} }, options);
      session.browserPid = browserProcessOf(home);
      for (const turn of turns) {
        await this.call(session, toolCallOf(turn.action, spec), options);
        session.actions.push(JSON.stringify(turn.action));
      }
    } catch (error) {
      await this.drop(sessionId);
      throw isAgentWorldError(error) ? error : this.infraError(error, session, options.signal);
    }
    const limit = this.options.maxSessions ?? 8;
    while (this.sessions.size > limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      await this.drop(oldest);
    }
    return session;
  }

  private async drop(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session === undefined) return;
    this.sessions.delete(sessionId);
    await session.connection.close();
    await session.proxy.close();
    removeTree(session.home);
  }

  private infraError(
    error: unknown,
    session: ServerSession,
    signal: AbortSignal | undefined,
  ): AgentWorldError {
    if (error instanceof AgentWorldError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    if (signal?.aborted) return new AgentWorldError('ABORTED', `Aborted: ${reason}`, { cause: error });
    const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout && !session.closed;
    return new AgentWorldError(
      timedOut ? 'ENGINE_TIMEOUT' : 'ENGINE_UNAVAILABLE',
      `The real @playwright/mcp server failed: ${reason}`,
      { cause: error, details: { stderr: session.connection.stderrTail() } },
    );
  }
}

/** Whether the session's Chromium still runs (true before it started). */
function browserRunning(session: ServerSession): boolean {
  return session.browserPid === undefined || isRunning(session.browserPid, session.home);
}

/** The text the agent reads from a tool result: its text blocks, one after another. */
function resultText(result: CallToolResult): string {
  const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
  return content.map((part) => part.text ?? '').join('\n');
}

function checkSpec(spec: WorldSpec): void {
  if (spec.domain !== 'web' || webDialectOf(spec) !== 'playwright-mcp') {
    throw new AgentWorldError(
      'UNSUPPORTED',
      `The real playwright-mcp engine runs web worlds of the playwright-mcp dialect, not ${spec.domain}${spec.domain === 'web' ? ` (${webDialectOf(spec)})` : ''}.`,
    );
  }
  webSiteOf(spec);
}

function toolCallOf(input: unknown, spec: WorldSpec): WebPlaywrightMcpAction {
  const action = parseWebAction(input, spec);
  if (isWebBrowserGymAction(action)) {
    throw new AgentWorldError('INVALID_ACTION', 'The real playwright-mcp engine takes tool calls only.');
  }
  return action;
}

/** A real playwright-mcp engine (see RealPlaywrightMcpEngine). */
export function createRealPlaywrightMcpEngine(
  options: RealPlaywrightMcpEngineOptions = {},
): RealPlaywrightMcpEngine {
  return new RealPlaywrightMcpEngine(options);
}

/** The snapshot and console files the server names after the time they were written. */
const TIMED_FILE = /\b(page|console)-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\b/g;

/** A result with the times in its file names replaced, to compare two runs of the same actions. */
export function withoutFileTimes(text: string): string {
  return text.replace(TIMED_FILE, '$1-<time>');
}
