/** OpenAI-style error bodies: `{ error: { message, type, code } }`, the type named after the status. */

function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function errorBody(
  status: number,
  message: string,
): { error: { message: string; type: string; code: number } } {
  return { error: { message, type: errorType(status), code: status } };
}
