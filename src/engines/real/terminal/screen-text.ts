const ESC = String.fromCharCode(27);
const BELL = String.fromCharCode(7);
/** CSI sequences (colours, cursor moves), character-set choices and keypad modes. */
const ESCAPE_SEQUENCE = new RegExp(`${ESC}(?:\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78])`, 'g');

/**
 * Program output as a terminal shows it: CR LF is a line end, a lone CR returns to the line's start (the text
 * after the last one wins, as a progress bar overwrites itself), tabs stop every 8 columns, and the escape
 * sequences programs send for colours and cursor moves are dropped.
 */
export function terminalText(raw: string): string {
  const plain = raw.replace(ESCAPE_SEQUENCE, '').split(BELL).join('').replace(/\r+\n/g, '\n');
  return plain
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      let shown = '';
      for (const part of parts) shown = part + shown.slice(part.length);
      let expanded = '';
      for (const char of shown) expanded += char === '\t' ? ' '.repeat(8 - (expanded.length % 8)) : char;
      return expanded;
    })
    .join('\n');
}
