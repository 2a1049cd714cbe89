/**
 * A service URL safe to print in messages and logs: its password becomes `***`. A URL that does not parse has
 * everything between the scheme and the host hidden, where a password would be.
 */
export function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
