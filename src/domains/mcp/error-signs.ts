/**
 * Recognising tool errors in observation text.
 *
 * `hasClearErrorSign` is strict: it decides `isError` of a CallToolResult and which observations the
 * `error-shape` check inspects. A text has a clear error sign when its first non-empty line
 * - starts with the word `Error` (`Error: …`, `Error calling tool …`, `ERROR …`) or an exception name ending in
 *   `Error:`/`Exception:` (`ValueError: …`, `McpError: …`), or is a Python traceback header;
 * - starts with `MCP error <code>` (how the SDK prints JSON-RPC errors);
 * - is a `status: error` line (the `status: error` / `message: …` style of many service wrappers);
 * - starts with an HTTP 4xx/5xx status and its reason phrase (`404 Not Found`, `HTTP/1.1 503 Service
 *   Unavailable`);
 * - starts with `Access denied`, `Permission denied`, `Forbidden`, `Unauthorized`, `Connection timed out` /
 *   `refused` / `reset`, or `Request`/`Operation timed out`;
 * or when the whole text is one short line saying that something is missing (`Entity with name Acme not found`,
 * `File not found: a.txt`, `Table orders does not exist.`), which is how many servers word an error result
 * (server-memory flags exactly that text with `isError: true`),
 * or when the whole text is a JSON object with `isError: true`, `status: "error"`, or an `error` field and
 * nothing that looks like a result (`result`, `data`, `content`, `items`).
 *
 * `mayBeErrorMessage` is lenient and is only used to *skip* format checks: besides the clear signs it accepts
 * short non-JSON texts that read like a failure (`Entity with name X not found`, `Invalid page token`).
 */

const ERROR_LINE_PATTERNS: readonly RegExp[] = [
  /^error\b/i,
  /^[A-Za-z_][\w.]*(?:Error|Exception)\b:/,
  /^Traceback \(most recent call last\)/,
  /^MCP error -?\d+/i,
  /^status:\s*error\b/i,
  /^(?:HTTP\/\d(?:\.\d)?\s+)?[45]\d\d\s+(?:Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Request Time-?out|Conflict|Gone|Precondition Failed|Payload Too Large|Unprocessable (?:Entity|Content)|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Time-?out)\b/i,
  /^(?:access denied|permission denied|forbidden|unauthori[sz]ed)\b/i,
  /^(?:connection (?:timed out|refused|reset)|(?:request|operation) timed out)\b/i,
];

const RESULT_KEYS = ['result', 'results', 'data', 'content', 'items'];

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function jsonHasErrorSign(object: Record<string, unknown>): boolean {
  if (object.isError === true) return true;
  if (typeof object.status === 'string' && object.status.toLowerCase() === 'error') return true;
  const error = object.error;
  const hasError =
    (typeof error === 'string' && error.trim().length > 0) || (error !== null && typeof error === 'object');
  return hasError && !RESULT_KEYS.some((key) => key in object);
}

function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length > 0) return trimmed;
  }
  return '';
}

/** One capitalised line that ends by saying something is missing (optionally followed by `: detail`). */
const MISSING_LINE = /^[A-Z][^\n]{0,160}\b(?:not found|does not exist|doesn't exist)(?:[.!]?$|: \S)/;
const MISSING_LINE_MAX_CHARS = 200;

export function hasClearErrorSign(observation: string): boolean {
  const text = observation.trim();
  if (text.length === 0) return false;
  const object = parseJsonObject(text);
  if (object !== undefined) return jsonHasErrorSign(object);
  if (!text.includes('\n') && text.length <= MISSING_LINE_MAX_CHARS && MISSING_LINE.test(text)) return true;
  const line = firstLine(text);
  return ERROR_LINE_PATTERNS.some((pattern) => pattern.test(line));
}

const FAILURE_WORDS =
  /\b(?:not found|does not exist|doesn't exist|no such|not allowed|denied|forbidden|unauthori[sz]ed|invalid|failed|failure|cannot|can't|unable|timed out|timeout|error|exception|already exists|missing|required|not permitted|unavailable)\b/i;

function looksLikeJson(text: string): boolean {
  return text.startsWith('{') || text.startsWith('[');
}

export function mayBeErrorMessage(observation: string): boolean {
  if (hasClearErrorSign(observation)) return true;
  const text = observation.trim();
  if (text.length === 0 || text.length > 500 || looksLikeJson(text)) return false;
  return text.split('\n').length <= 3 && FAILURE_WORDS.test(text);
}
