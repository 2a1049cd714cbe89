import { after, before } from 'node:test';
import type { Engine } from '../../src/core/engine.js';
import { type RunningHttpServer, startHttpServer } from '../../src/server/http/index.js';
import {
  SessionManager,
  type SessionManagerOptions,
  SessionRepository,
} from '../../src/server/sessions/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, tempStores } from '../helpers/index.js';

/** A parsed JSON answer; tests read it field by field and assert each one. */
// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field by the assertions
export type JsonAnswer = any;

/** A real HTTP env server over a real store (a SQLite file or a PostgreSQL URL), started on a free loopback port. */
export interface ServerFixture {
  readonly server: RunningHttpServer;
  readonly manager: SessionManager;
  readonly store: Store;
  /** JSON request helper: returns the status and the parsed body. */
  call(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: JsonAnswer }>;
  /** Stops the server and the manager and closes the store (the engine is left open). */
  stop(): Promise<void>;
}

export interface FixtureOptions {
  readonly engine: Engine;
  /** A SQLite path or a postgres:// URL. */
  readonly storePath: string;
  readonly apiKeys?: readonly string[];
  readonly maxBodyBytes?: number;
  readonly manager?: Partial<Omit<SessionManagerOptions, 'repository' | 'engine'>>;
}

export async function startServerFixture(options: FixtureOptions): Promise<ServerFixture> {
  const store = await openStore(options.storePath);
  const manager = new SessionManager({
    repository: new SessionRepository(store),
    engine: options.engine,
    sweepIntervalMs: 0,
    ...options.manager,
  });
  const server = await startHttpServer({
    manager,
    host: '127.0.0.1',
    port: 0,
    ...(options.apiKeys === undefined ? {} : { apiKeys: options.apiKeys }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  return {
    server,
    manager,
    store,
    async call(method, path, body, key) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (key !== undefined) headers.authorization = `Bearer ${key}`;
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (metrics, trajectory): keep the text
      }
      return { status: response.status, body: parsed };
    },
    async stop() {
      await server.close();
      manager.shutdown();
      await store.close();
    },
  };
}

/**
 * Registers before/after hooks that start a scripted model server and an env server with one API key over a
 * fresh store (the setup of the tests that drive the server from another language), and returns a getter for the
 * running fixture.
 */
export function keyedServerForSuite(storeName: string, apiKey: string): () => ServerFixture {
  return serverForSuite(storeName, [apiKey]);
}

/** As `keyedServerForSuite`, with these API keys (none: a keyless loopback server). */
export function serverForSuite(storeName: string, apiKeys: readonly string[]): () => ServerFixture {
  let model: ScriptedModelServer | undefined;
  let fixture: ServerFixture | undefined;
  const stores = tempStores(storeName);
  before(async () => {
    model = await startScriptedModelServer();
    fixture = await startServerFixture({
      engine: fastLwmEngine(model),
      storePath: stores.freshPath(),
      apiKeys,
    });
  });
  after(async () => {
    await fixture?.stop();
    await model?.close();
    stores.remove();
  });
  return () => {
    if (fixture === undefined) throw new Error('the server fixture starts in the suite’s before hook');
    return fixture;
  };
}
