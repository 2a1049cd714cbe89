import { type Command, InvalidArgumentError } from 'commander';
import type { Engine } from '../../core/engine.js';
import { toAgentWorldError } from '../../core/errors.js';
import type { HealthCheck, RunningHttpServer } from '../../server/http/index.js';
import type { SessionManager } from '../../server/sessions/index.js';
import type { TaskEpisodes } from '../../server/tasks/index.js';
import type { Store } from '../../store/index.js';
import type { JudgeSettings } from '../../tasks/verifiers/index.js';
import type { EngineFlags } from '../engine-factory.js';
import { createServerEngine } from '../engine-routes.js';
import { formatError } from '../output.js';

/** Options of `agentworld serve` (the engine flags are the ones every engine command takes). */
export interface ServeOptions extends EngineFlags {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  /**
   * Where the sessions are stored: a SQLite file or a `postgres://` URL (default `$AGENTWORLD_STORE`, else
   * `$AGENTWORLD_HOME/agentworld.db`).
   */
  readonly store?: string | undefined;
  /** Keys clients must send as `Authorization: Bearer KEY` (also `AGENTWORLD_SERVER_KEYS`, comma-separated). */
  readonly authKey?: string[] | undefined;
  /** Spec used by `POST /reset` when the request names none. */
  readonly spec?: string | undefined;
  readonly maxBodyBytes?: number | undefined;
  readonly maxSessionsPerKey?: number | undefined;
  readonly maxLiveSessions?: number | undefined;
  readonly evictAfterS?: number | undefined;
  /** 0 turns the reaper off. */
  readonly reapAfterS?: number | undefined;
  readonly stepTimeoutS?: number | undefined;
  /** A task file or folder: `GET /tasks`, reset by `task_id`, the `/text/*` step routes. */
  readonly tasks?: string | undefined;
  readonly judgeUrl?: string | undefined;
  readonly judgeModel?: string | undefined;
  readonly judgeApiKey?: string | undefined;
  /** The job queue's Redis (`redis://…`, also `AGENTWORLD_QUEUE`), reported by `GET /health`. */
  readonly queue?: string | undefined;
  /**
   * How long a session's lease lasts unrenewed when several servers share a PostgreSQL store (default 30 s): a
   * server that dies mid-step blocks its session this long at most.
   */
  readonly leaseTtlS?: number | undefined;
}

export interface ServeHandle {
  readonly server: RunningHttpServer;
  /** Stops the server, then closes the manager, the store and the engine. */
  stop(): Promise<void>;
}

/** The server keys from flags, else from `AGENTWORLD_SERVER_KEYS` (comma-separated). */
export function serverKeys(
  flags: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (flags !== undefined && flags.length > 0) return [...flags];
  return (env.AGENTWORLD_SERVER_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}

/** Starts the HTTP env server with everything it needs; the caller decides when to stop it. */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  // Loaded here, not at the top, so `agentworld --help` and the other commands start without the server stack.
  const { startHttpServer } = await import('../../server/http/index.js');
  const { SessionLeases, SessionManager, SessionRepository } = await import('../../server/sessions/index.js');
  const { openStore, resolveStoreLocation } = await import('../../store/index.js');
  const apiKeys = serverKeys(options.authKey);
  // Tasks are read (and refused with the reason) before anything starts.
  const loadedTasks =
    options.tasks === undefined
      ? undefined
      : await (await import('../../tasks/load-task.js')).loadTasks(options.tasks);
  const storeLocation = resolveStoreLocation(options.store);
  // Without a model server, each session gets the embedded model of its world, loaded when first needed.
  const engine = await createServerEngine(options);
  let store: Store | undefined;
  let manager: SessionManager | undefined;
  let tasks: TaskEpisodes | undefined;
  try {
    store = await openStore(storeLocation);
    // On PostgreSQL, other server processes may share the sessions: each step holds the session's lease.
    const leases =
      store.kind === 'postgres'
        ? new SessionLeases(store, {
            ...(options.leaseTtlS === undefined ? {} : { ttlMs: Math.max(1, options.leaseTtlS * 1000) }),
          })
        : undefined;
    manager = new SessionManager({
      repository: new SessionRepository(store),
      engine,
      leases,
      ...(options.maxSessionsPerKey === undefined
        ? {}
        : { maxOpenSessionsPerOwner: options.maxSessionsPerKey }),
      ...(options.maxLiveSessions === undefined ? {} : { maxLiveSessions: options.maxLiveSessions }),
      ...(options.evictAfterS === undefined ? {} : { evictAfterMs: options.evictAfterS * 1000 }),
      ...(options.reapAfterS === undefined ? {} : { reapAfterMs: options.reapAfterS * 1000 }),
      ...(options.stepTimeoutS === undefined ? {} : { defaultStepTimeoutMs: options.stepTimeoutS * 1000 }),
    });
    if (loadedTasks !== undefined) {
      const { TaskCatalog, TaskEpisodes } = await import('../../server/tasks/index.js');
      const { createScoreEpisode } = await import('../../tasks/score-episode.js');
      tasks = new TaskEpisodes({
        manager,
        catalog: new TaskCatalog(loadedTasks),
        score: createScoreEpisode({ judge: judgeOf(options) }),
        ...(options.reapAfterS === undefined ? {} : { reapAfterMs: options.reapAfterS * 1000 }),
      });
    }
    const server = await startHttpServer({
      manager,
      tasks,
      apiKeys,
      healthChecks: await serverHealthChecks(engine, options.queue ?? process.env.AGENTWORLD_QUEUE),
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 8080,
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
      ...(options.spec === undefined ? {} : { defaultSpec: options.spec }),
    });
    const openedStore = store;
    const openedManager = manager;
    const openedTasks = tasks;
    return {
      server,
      async stop() {
        await server.close();
        await openedTasks?.shutdown();
        openedManager.shutdown();
        await openedStore.close();
        await engine.close();
      },
    };
  } catch (error) {
    await tasks?.shutdown();
    manager?.shutdown();
    await store?.close();
    await engine.close();
    throw error;
  }
}

/** What `GET /health` reports beside the store: the model replicas (with several) and the job queue (if named). */
async function serverHealthChecks(
  engine: Engine,
  queue: string | undefined,
): Promise<Record<string, HealthCheck>> {
  const checks: Record<string, HealthCheck> = {};
  const { replicaHealthOf } = await import('../../engines/lwm/index.js');
  if (replicaHealthOf(engine) !== undefined) {
    checks.replicas = async () => {
      const health = replicaHealthOf(engine);
      return { ok: health !== undefined && health.healthy > 0, ...health };
    };
  }
  if (queue !== undefined && queue !== '') {
    const { checkQueueReachable, redactQueueUrl, requireQueueUrl } = await import('../../queue/index.js');
    requireQueueUrl(queue);
    checks.queue = async () => {
      const started = performance.now();
      try {
        await checkQueueReachable(queue, { timeoutMs: 2_000 });
        return { ok: true, url: redactQueueUrl(queue), latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        return {
          ok: false,
          url: redactQueueUrl(queue),
          error: error instanceof Error ? error.message : String(error),
        };
      }
    };
  }
  return checks;
}

/** The rubric judge from flags, else `AGENTWORLD_JUDGE_URL` / `_MODEL` / `_API_KEY` (as `agentworld rollout`). */
function judgeOf(options: ServeOptions): JudgeSettings | undefined {
  const baseURL = options.judgeUrl ?? process.env.AGENTWORLD_JUDGE_URL;
  if (baseURL === undefined || baseURL === '') return undefined;
  return {
    baseURL,
    model: options.judgeModel ?? process.env.AGENTWORLD_JUDGE_MODEL,
    apiKey: options.judgeApiKey ?? process.env.AGENTWORLD_JUDGE_API_KEY,
  };
}

/** `agentworld serve`: runs until SIGINT or SIGTERM; prints the URL once listening. */
export async function runServe(options: ServeOptions): Promise<number> {
  let handle: ServeHandle;
  try {
    handle = await startServe(options);
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
  const auth = serverKeys(options.authKey).length > 0 ? 'API keys required' : 'no API keys (loopback only)';
  process.stdout.write(`agentworld serve: listening on ${handle.server.url} (${auth})\n`);
  // The listeners stay until the server is stopped: with a model loaded, node-llama-cpp's signal-exit re-sends a
  // signal that no other listener handles, which would kill the process before it closed anything.
  let stopRequested: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const stop = (): void => stopRequested();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await requested;
    await handle.stop();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}

function count(minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < minimum) {
      throw new InvalidArgumentError(`must be a whole number ≥ ${minimum}`);
    }
    return parsed;
  };
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new InvalidArgumentError('must be a number of seconds ≥ 0');
  }
  return parsed;
}

/**
 * Adds `serve` to the program. `withEngineOptions` is the function main.ts already applies to `sim` and `step`
 * (it adds --engine, --model-url, --model, --api-key for the model server, --cache …).
 */
export function registerServeCommand(
  program: Command,
  withEngineOptions: (command: Command) => Command,
): void {
  withEngineOptions(
    program
      .command('serve')
      .description(
        'HTTP env server shaped like OpenEnv: POST /reset, POST /step, GET /state, /schema, /health, /metrics; with no model server configured, each world gets the embedded model of its domain (loaded when first needed), and a reset of a world none fits says how to configure a server',
      )
      .option('--host <address>', 'bind address; anything but loopback requires --auth-key', '127.0.0.1')
      .option('--port <n>', 'port (0 picks a free one)', count(0), 8080)
      .option(
        '--store <path|url>',
        'where sessions are stored: a SQLite file or postgres://user:password@host:port/db (env AGENTWORLD_STORE; default $AGENTWORLD_HOME/agentworld.db)',
      )
      .option(
        '--auth-key <keys...>',
        'keys clients send as "Authorization: Bearer KEY"; each reaches only its own sessions (env AGENTWORLD_SERVER_KEYS, comma-separated)',
      )
      .option('--spec <name>', 'spec for POST /reset requests that name none')
      .option('--max-body-bytes <n>', 'largest request body (default 1 MiB)', count(1))
      .option('--max-sessions-per-key <n>', 'open sessions one key may hold (default 100)', count(1))
      .option('--max-live-sessions <n>', 'sessions kept in memory (default 1000)', count(1))
      .option('--evict-after-s <s>', 'idle time before a session leaves memory (default 600)', seconds)
      .option('--reap-after-s <s>', 'idle time before a session is closed, 0 never (default 86400)', seconds)
      .option('--step-timeout-s <s>', 'default time limit of a step (default 600)', seconds)
      .option(
        '--tasks <path>',
        'a task file or folder: GET /tasks, POST /reset by task_id and seed, and the text step routes POST /text/reset, /text/step',
      )
      .option(
        '--judge-url <url>',
        "OpenAI-compatible base URL of the tasks' rubric judge (env AGENTWORLD_JUDGE_URL)",
      )
      .option('--judge-model <name>', 'rubric judge model (env AGENTWORLD_JUDGE_MODEL)')
      .option('--judge-api-key <key>', 'API key of the judge (env AGENTWORLD_JUDGE_API_KEY)')
      .option('--queue <url>', 'the job queue (redis://…) GET /health reports on (env AGENTWORLD_QUEUE)')
      .option(
        '--lease-ttl-s <s>',
        'with a postgres:// store shared by several servers: how long a session stays locked by a server that died mid-step (default 30)',
        seconds,
      ),
  ).action(async (options: ServeOptions) => {
    process.exitCode = await runServe(options);
  });
}
