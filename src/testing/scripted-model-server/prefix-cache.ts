import type { ScriptedMessage } from './replies.js';

/** The prompt as a chat template would lay it out; used for token counts and the simulated prefix cache. */
export function serializePrompt(messages: readonly ScriptedMessage[]): string {
  let text = '';
  for (const message of messages) text += `<|im_start|>${message.role}\n${message.content}<|im_end|>\n`;
  return text;
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/**
 * Remembers processed prompts in sorted order: the longest common prefix with any earlier prompt is the longest
 * one with its sorted neighbours, so a lookup costs a binary search and two comparisons.
 */
export class PrefixCache {
  private sorted: string[] = [];

  /** Characters of `prompt` an earlier prompt already covered; `prompt` is remembered for later lookups. */
  lookupAndInsert(prompt: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sorted[middle] as string) < prompt) low = middle + 1;
      else high = middle;
    }
    const before = this.sorted[low - 1];
    const after = this.sorted[low];
    const longest = Math.max(
      before === undefined ? 0 : commonPrefixLength(before, prompt),
      after === undefined ? 0 : commonPrefixLength(after, prompt),
    );
    if (after !== prompt) this.sorted.splice(low, 0, prompt);
    return longest;
  }

  clear(): void {
    this.sorted = [];
  }
}
