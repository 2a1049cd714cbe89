/**
 * The real engine a web session of each dialect is recorded and replayed with: src/engines/real/web/
 * (RealWebEngine: the real `@playwright/mcp` server for playwright-mcp, Chromium through playwright-core for
 * browsergym), with what the recordings name as their source.
 */
import type { WorldSpec } from '../../src/core/world-spec.js';
import { webDialectOf } from '../../src/domains/web/index.js';
import { playwrightMcpPackage, RealWebEngine } from '../../src/engines/real/web/index.js';

export interface RecordingWebEngine extends RealWebEngine {
  /** What the recording names as its source. */
  readonly recordedWith: string;
}

/** What the recordings of a dialect name as their source. */
export function recordedWithOf(spec: WorldSpec): string {
  return webDialectOf(spec) === 'playwright-mcp'
    ? `@playwright/mcp@${playwrightMcpPackage().version}+chromium`
    : 'chromium+playwright-core';
}

/**
 * A real web engine for worlds of `spec`'s dialect. `startUrl` is accepted for older callers: the engine opens
 * each spec's own `initialState.data.startUrl` (and serves its `pages`).
 */
export async function startRecordingEngine(spec: WorldSpec, _startUrl?: string): Promise<RecordingWebEngine> {
  return Object.assign(new RealWebEngine(), { recordedWith: recordedWithOf(spec) });
}
