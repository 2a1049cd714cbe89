/** The bytes a terminal sends for the tmux key names Terminus uses (`C-c`, `Escape`, `Up` …). */
const NAMED_KEY_BYTES: Readonly<Record<string, string>> = {
  Enter: '\n',
  KPEnter: '\n',
  Escape: '\u001b',
  Tab: '\t',
  BTab: '\u001b[Z',
  BSpace: '\u007f',
  Space: ' ',
  Up: '\u001b[A',
  Down: '\u001b[B',
  Right: '\u001b[C',
  Left: '\u001b[D',
  Home: '\u001b[H',
  End: '\u001b[F',
  PageUp: '\u001b[5~',
  PgUp: '\u001b[5~',
  PPage: '\u001b[5~',
  PageDown: '\u001b[6~',
  PgDn: '\u001b[6~',
  NPage: '\u001b[6~',
  IC: '\u001b[2~',
  Insert: '\u001b[2~',
  DC: '\u001b[3~',
  Delete: '\u001b[3~',
};

/** The bytes of one tmux key name (a whole `keystrokes` value), or undefined when it names no key we send. */
export function keyBytes(key: string): string | undefined {
  const named = NAMED_KEY_BYTES[key];
  if (named !== undefined) return named;
  const control = /^C-([A-Za-z@[\\\]^_?])$/.exec(key);
  if (control !== undefined && control !== null) {
    const char = (control[1] as string).toUpperCase();
    return char === '?' ? '\u007f' : String.fromCharCode(char.charCodeAt(0) & 0x1f);
  }
  const meta = /^M-(.)$/.exec(key);
  if (meta !== null) return `\u001b${meta[1]}`;
  return undefined;
}
