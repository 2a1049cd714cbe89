import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { SessionManager } from '../sessions/session-manager.js';
import type { TaskEpisodes } from '../tasks/task-episodes.js';
import { ApiKeyAuthenticator } from './auth.js';
import { failureOf } from './client-closed.js';
import { ServerMetrics } from './metrics.js';
import { readJsonBody } from './read-body.js';
import { jsonBodiesOnly, localRequestsOnlyWhenKeyless } from './request-guards.js';
import { errorResponse } from './respond.js';
import { schemaDocument } from './schema-document.js';
import { requireTasks, textResetAnswer, textStepAnswer } from './task-answers.js';
import { TextResetRequestSchema, TextStepRequestSchema } from './task-wire-schemas.js';
import { anyStepAnswer, closeAnySession, resetAnswer, stateAnswer } from './wire-answers.js';
import { ResetRequestSchema, SessionRequestSchema, StepRequestSchema } from './wire-schemas.js';

export interface HttpAppOptions {
  readonly manager: SessionManager;
  /** Bearer keys; each key owns the sessions it creates. Empty: no auth (only allowed on loopback). */
  readonly apiKeys?: readonly string[];
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** The spec `POST /reset` uses when the request names none (a name or an inline WorldSpec). */
  readonly defaultSpec?: unknown;
  /** Extra spec names clients may send (also used by `GET /schema?spec=`). */
  readonly namedSpecs?: Readonly<Record<string, unknown>>;
  /** The server's tasks (`serve --tasks`): `GET /tasks`, reset by `task_id`, the `/text/*` step routes. */
  readonly tasks?: TaskEpisodes | undefined;
  /**
   * More of what `GET /health` reports beside the store, each under its name (e.g. `queue`, `replicas`); a check
   * that answers `ok: false` or throws makes the status `degraded`.
   */
  readonly healthChecks?: Readonly<Record<string, HealthCheck>> | undefined;
}

/** One part of `GET /health`: whether it is fine, and what to show about it. */
export type HealthCheck = () => Promise<{ readonly ok: boolean } & Record<string, unknown>>;

type Env = { Variables: { owner: string } };

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP env server as a Hono app, shaped like OpenEnv: `POST /reset`, `POST /step`, `GET /state`,
 * `GET /schema`, `GET /health`, plus `POST /fork`, `POST /close`, `GET /sessions`,
 * `GET /sessions/:id/trajectory` and `GET /metrics`; with tasks, `GET /tasks`, `POST /reset` by `task_id`, and
 * the text step routes `POST /text/reset`, `POST /text/step`, `GET /text/episodes/:session_id`. Errors are `{ error: { code, message, retryable,
 * details } }` with the code's HTTP status. Without API keys only requests addressed to a loopback name and sent
 * by no other origin's web page are answered (403 otherwise); every POST must declare `application/json` (415).
 * A client that hangs up before its answer counts as 499 in the metrics. OpenEnv's WebSocket protocol (`/ws`) is
 * attached to the node:http server by `startHttpServer` and shares this app's key check and metrics (both
 * returned here).
 */
export function createHttpApp(options: HttpAppOptions): {
  app: Hono<Env>;
  metrics: ServerMetrics;
  auth: ApiKeyAuthenticator;
} {
  const { manager, tasks } = options;
  const auth = new ApiKeyAuthenticator(options.apiKeys ?? []);
  const metrics = new ServerMetrics(manager);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const namedSpecs = options.namedSpecs ?? {};
  const app = new Hono<Env>();

  app.onError((error, context) => errorResponse(context, failureOf(context.req.raw, error)));
  app.notFound((context) =>
    errorResponse(
      context,
      new AgentWorldError('NOT_FOUND', `No route ${context.req.method} ${context.req.path}.`),
    ),
  );

  app.use('*', async (context, next) => {
    await next();
    metrics.request(context.req.routePath, context.res.status);
  });
  app.use('*', localRequestsOnlyWhenKeyless(!auth.required));

  app.get('/health', async (context) => {
    // The store's round trip (never throws): a server whose database is unreachable reports itself degraded.
    const store = await manager.repository.store.ping();
    const checks = await Promise.all(
      Object.entries(options.healthChecks ?? {}).map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch (error) {
          return [
            name,
            { ok: false, error: error instanceof Error ? error.message : String(error) },
          ] as const;
        }
      }),
    );
    const healthy = store.ok && checks.every(([, report]) => report.ok);
    return context.json({
      status: healthy ? 'ok' : 'degraded',
      sessions_live: manager.liveCount,
      auth: auth.required,
      store,
      ...Object.fromEntries(checks),
    });
  });

  app.use('*', async (context, next) => {
    context.set('owner', auth.ownerOf(context.req.header('authorization')));
    await next();
  });
  app.use('*', jsonBodiesOnly());
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (context) =>
        errorResponse(
          context,
          new AgentWorldError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes.`, {
            details: { limitBytes: maxBodyBytes },
          }),
        ),
    }),
  );

  app.get('/metrics', async (context) => {
    const { contentType, text } = await metrics.render();
    return context.body(text, 200, { 'content-type': contentType });
  });

  app.get('/schema', async (context) =>
    context.json(
      await schemaDocument(context.req.query('spec'), namedSpecs, { signal: context.req.raw.signal }),
    ),
  );

  app.post('/reset', async (context) => {
    const body = await readJsonBody(context, ResetRequestSchema);
    return context.json(
      await resetAnswer(manager, context.get('owner'), body, options.defaultSpec, {
        signal: context.req.raw.signal,
        tasks,
      }),
    );
  });

  app.post('/step', async (context) => {
    const body = await readJsonBody(context, StepRequestSchema);
    const started = performance.now();
    try {
      const response = await anyStepAnswer(manager, tasks, context.get('owner'), {
        sessionId: body.session_id,
        action: body.action,
        done: body.done,
        finalAnswer: body.final_answer,
        signal: context.req.raw.signal,
        timeoutMs: body.timeout_s === undefined ? undefined : body.timeout_s * 1000,
      });
      metrics.stepSucceeded((performance.now() - started) / 1000);
      return context.json(response);
    } catch (error) {
      metrics.stepFailed(toAgentWorldError(error).code);
      throw error;
    }
  });

  app.get('/state', async (context) => {
    const sessionId = context.req.query('session_id');
    if (sessionId === undefined || sessionId === '') {
      throw new AgentWorldError('INVALID_REQUEST', 'Invalid request at $.session_id: pass ?session_id=ID.', {
        details: { path: '$.session_id' },
      });
    }
    return context.json(await stateAnswer(manager, context.get('owner'), sessionId));
  });

  app.get('/sessions', async (context) =>
    context.json({
      sessions: await manager.list(context.get('owner'), {
        includeClosed: context.req.query('closed') === 'true',
      }),
    }),
  );

  app.get('/sessions/:id', async (context) =>
    context.json(await stateAnswer(manager, context.get('owner'), context.req.param('id'))),
  );

  app.get('/sessions/:id/trajectory', async (context) => {
    const record = await manager.record(context.get('owner'), context.req.param('id'));
    return context.body(`${JSON.stringify(record)}\n`, 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
    });
  });

  app.post('/fork', async (context) => {
    const body = await readJsonBody(context, SessionRequestSchema);
    const fork = await manager.fork(context.get('owner'), body.session_id, body.labels ?? {});
    return context.json({
      session_id: fork.sessionId,
      parent_id: fork.parentId,
      forked_at_turn: fork.forkedAtTurn,
      observation: fork.observation,
    });
  });

  app.post('/close', async (context) => {
    const body = await readJsonBody(context, SessionRequestSchema);
    const wasOpen = await closeAnySession(manager, tasks, context.get('owner'), body.session_id);
    return context.json({ session_id: body.session_id, closed: true, was_open: wasOpen });
  });

  app.get('/tasks', (context) => context.json({ tasks: tasks?.catalog.list() ?? [] }));

  app.post('/text/reset', async (context) => {
    const body = await readJsonBody(context, TextResetRequestSchema);
    return context.json(
      await textResetAnswer(requireTasks(tasks), context.get('owner'), body, {
        signal: context.req.raw.signal,
      }),
    );
  });

  app.post('/text/step', async (context) => {
    const body = await readJsonBody(context, TextStepRequestSchema);
    const started = performance.now();
    try {
      const response = await textStepAnswer(requireTasks(tasks), context.get('owner'), body);
      metrics.stepSucceeded((performance.now() - started) / 1000);
      return context.json(response);
    } catch (error) {
      metrics.stepFailed(toAgentWorldError(error).code);
      throw error;
    }
  });

  // The finished episode as one line of a rollout's JSONL (`agentworld rollout export` reads it).
  app.get('/text/episodes/:session_id', (context) => {
    const line = requireTasks(tasks).line(context.get('owner'), context.req.param('session_id'));
    return context.body(`${JSON.stringify(line)}\n`, 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
    });
  });

  return { app, metrics, auth };
}
