/** Tabs as a terminal shows them: spaces up to the next multiple of 8 columns, counted from each line's start. */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  return text
    .split('\n')
    .map((line) => {
      let shown = '';
      for (const char of line) shown += char === '\t' ? ' '.repeat(8 - (shown.length % 8)) : char;
      return shown;
    })
    .join('\n');
}
