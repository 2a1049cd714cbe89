/**
 * The real engine a web session of each dialect is recorded and replayed with: the real `@playwright/mcp` server
 * for playwright-mcp, Chromium through playwright-core (`real-web`) for browsergym.
 */
import type { Engine } from '../../src/core/engine.js';
import type { WorldSpec } from '../../src/core/world-spec.js';
import { webDialectOf } from '../../src/domains/web/index.js';
import { playwrightMcpPackage } from '../capture-web/playwright-mcp-server.js';
import { RealPlaywrightMcpEngine } from './web-playwright-mcp-engine.js';
import { RealWebEngine } from './web-real-engine.js';

export interface RecordingWebEngine extends Engine {
  /** What the agent reads now, before any action. */
  observe(): Promise<string>;
  /** What the recording names as its source. */
  readonly recordedWith: string;
}

export async function startRecordingEngine(spec: WorldSpec, startUrl: string): Promise<RecordingWebEngine> {
  if (webDialectOf(spec) === 'playwright-mcp') {
    const engine = await RealPlaywrightMcpEngine.start(startUrl);
    return Object.assign(engine, {
      recordedWith: `@playwright/mcp@${playwrightMcpPackage().version}+chromium`,
    });
  }
  const engine = await RealWebEngine.start(spec, startUrl);
  return Object.assign(engine, { recordedWith: 'chromium+playwright-core' });
}
