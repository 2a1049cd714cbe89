/** tmux key names that the Terminus harness sends as keys when they make up a whole `keystrokes` string. */
const NAMED_KEYS = [
  'Enter',
  'Escape',
  'Tab',
  'BTab',
  'BSpace',
  'Space',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'PgUp',
  'PgDn',
  'PPage',
  'NPage',
  'IC',
  'DC',
  'Insert',
  'Delete',
  'KPEnter',
  ...Array.from({ length: 12 }, (_, index) => `F${index + 1}`),
];

const KEY_PATTERN = new RegExp(
  `^(?:(?:[CMS]-)+[A-Za-z0-9\\[\\]\\\\@^_?/]|(?:[CMS]-)*(?:${NAMED_KEYS.join('|')}))$`,
);

/** Whether a whole `keystrokes` value is a tmux key name (`C-c`, `Escape`, `Enter`, `M-x`, `F5` …). */
export function isTerminalControlKey(keystrokes: string): boolean {
  return KEY_PATTERN.test(keystrokes);
}

/** Key names that press Enter. */
export function isTerminalEnterKey(keystrokes: string): boolean {
  return keystrokes === 'Enter' || keystrokes === 'C-m' || keystrokes === 'C-j' || keystrokes === 'KPEnter';
}
