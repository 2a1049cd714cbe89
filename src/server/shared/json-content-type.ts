import { AgentWorldError } from '../../core/errors.js';

/**
 * Whether a `Content-Type` header declares JSON: `application/json`, in any case, with or without parameters
 * (`; charset=utf-8`). Servers require it on every POST, so a web page cannot send them a body through a simple
 * cross-site request (`text/plain`, form encodings, no type at all), which browsers send without asking first.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const mediaType = header.split(';', 1)[0] ?? '';
  return mediaType.trim().toLowerCase() === 'application/json';
}

/** UNSUPPORTED_MEDIA_TYPE (415) unless `header` declares JSON; undefined when it does. */
export function jsonContentTypeRefusal(header: string | undefined): AgentWorldError | undefined {
  if (isJsonContentType(header)) return undefined;
  return new AgentWorldError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Send the request body as JSON with "Content-Type: application/json"; this request ` +
      `${header === undefined ? 'has no Content-Type' : `is ${JSON.stringify(header.slice(0, 200))}`}.`,
    { details: { header: 'content-type', value: header === undefined ? null : header.slice(0, 200) } },
  );
}
