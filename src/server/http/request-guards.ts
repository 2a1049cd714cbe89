import type { MiddlewareHandler } from 'hono';
import { jsonContentTypeRefusal } from '../shared/json-content-type.js';
import { localRequestRefusal } from '../shared/loopback-request.js';

/**
 * Without API keys, refuses (FORBIDDEN, 403) any request not addressed to a loopback name or sent by a web page
 * of another origin (see `localRequestRefusal`), before anything else runs. `keyless` says whether the server
 * has no keys. The host is the `Host` header, else the request URL's (in-process `app.request()` calls).
 */
export function localRequestsOnlyWhenKeyless(keyless: boolean): MiddlewareHandler {
  return async (context, next) => {
    if (keyless) {
      const refusal = localRequestRefusal({
        host: context.req.header('host') ?? new URL(context.req.url).host,
        origin: context.req.header('origin'),
      });
      if (refusal !== undefined) throw refusal;
    }
    await next();
  };
}

/** Refuses (UNSUPPORTED_MEDIA_TYPE, 415) a POST whose body is not declared as JSON, before it is read. */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (context, next) => {
    if (context.req.method === 'POST') {
      const refusal = jsonContentTypeRefusal(context.req.header('content-type'));
      if (refusal !== undefined) throw refusal;
    }
    await next();
  };
}
