/**
 * `real-playwright-mcp`: an Engine whose observations are the real `@playwright/mcp` server's tool results. Each
 * playwright-mcp action is sent as a tools/call through the official MCP SDK client (scripts/capture-web/
 * playwright-mcp-server.ts) and the text of the result is the observation, unchanged. It exists to record
 * example sessions and to replay them; only scripted actions may be given to it.
 */
import { type CallOptions, throwIfAborted } from '../../src/core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../src/core/engine.js';
import { isWebBrowserGymAction, parseWebAction } from '../../src/domains/web/index.js';
import { type PlaywrightMcpServer, startPlaywrightMcp } from '../capture-web/playwright-mcp-server.js';

/** The snapshot and console files the server names after the time they were written. */
const TIMED_FILE = /\b(page|console)-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\b/g;

/** A result with the times in its file names replaced, to compare two runs of the same actions. */
export function withoutFileTimes(text: string): string {
  return text.replace(TIMED_FILE, '$1-<time>');
}

export class RealPlaywrightMcpEngine implements Engine {
  readonly id = 'real-playwright-mcp';
  readonly model = undefined;

  private constructor(private readonly server: PlaywrightMcpServer) {}

  /** Starts the server and opens `startUrl`; the agent's first view is the `browser_snapshot` of that page. */
  static async start(startUrl: string): Promise<RealPlaywrightMcpEngine> {
    const server = await startPlaywrightMcp();
    const engine = new RealPlaywrightMcpEngine(server);
    await engine.call('browser_navigate', { url: startUrl });
    return engine;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id, server: `@playwright/mcp@${this.server.version}` };
  }

  /** The text of one tool result, as the server sends it. */
  async call(name: string, args: Record<string, unknown>): Promise<string> {
    const result = await this.server.client.callTool({ name, arguments: args });
    const content = result.content as Array<{ type: string; text?: string }>;
    return content.map((part) => part.text ?? '').join('\n');
  }

  /** What the agent reads now: the current page as `browser_snapshot` shows it. */
  observe(): Promise<string> {
    return this.call('browser_snapshot', {});
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const action = parseWebAction(request.action, request.spec);
    if (isWebBrowserGymAction(action))
      throw new Error('the real Playwright MCP server takes tool calls only');
    const observation = await this.call(action.name, { ...action.arguments });
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
