import { ANONYMOUS_OWNER, type SessionManager } from '../../src/server/sessions/index.js';
import { BENCH_SPEC_NAME } from './bench-manager.js';
import type { JsonHttpClient } from './http-client.js';

/** What a load run needs from a transport: open a session, step it, close it. */
export interface StepDriver {
  readonly name: string;
  reset(seed: number): Promise<string>;
  step(sessionId: string, action: unknown): Promise<void>;
  close(sessionId: string): Promise<void>;
}

/** The HTTP env server over loopback: `POST /reset`, `/step`, `/close`; any non-200 answer stops the run. */
export function httpDriver(client: JsonHttpClient): StepDriver {
  const call = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const answer = await client.post(path, body);
    if (answer.status !== 200) {
      throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return answer.body as Record<string, unknown>;
  };
  return {
    name: 'http',
    reset: async (seed) => String((await call('/reset', { spec: BENCH_SPEC_NAME, seed })).session_id),
    step: async (sessionId, action) => {
      await call('/step', { session_id: sessionId, action });
    },
    close: async (sessionId) => {
      await call('/close', { session_id: sessionId });
    },
  };
}

/** The same SessionManager calls the HTTP routes make, without HTTP. */
export function inProcessDriver(manager: SessionManager): StepDriver {
  return {
    name: 'in-process',
    reset: async (seed) =>
      (await manager.reset({ ownerHash: ANONYMOUS_OWNER, spec: BENCH_SPEC_NAME, seed })).sessionId,
    step: async (sessionId, action) => {
      await manager.step(ANONYMOUS_OWNER, sessionId, action);
    },
    close: async (sessionId) => {
      await manager.close(ANONYMOUS_OWNER, sessionId);
    },
  };
}
