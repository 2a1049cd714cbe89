import type { GenerationConfidence } from '../schemas.js';
import type { TokenLogprob } from './answerer.js';

const OPEN = /<predicted_observation>/gi;
const CLOSE = /<\/predicted_observation>/i;

/**
 * The character span of the last `<predicted_observation>` block's content in `content` (to the end when
 * unclosed), or undefined when there is no such block.
 */
export function observationSpan(content: string): { start: number; end: number } | undefined {
  const opens = Array.from(content.matchAll(OPEN), (match) => match.index);
  const open = opens[opens.length - 1];
  if (open === undefined) return undefined;
  const start = open + '<predicted_observation>'.length;
  const close = CLOSE.exec(content.slice(start));
  return { start, end: close === null ? content.length : start + close.index };
}

/**
 * What the token log-probabilities say about a generation: over the tokens that overlap the last
 * `<predicted_observation>` block's content (located by concatenating the tokens, which must spell `content`),
 * else over every token of the content. Undefined without tokens.
 */
export function generationConfidence(
  content: string,
  logprobs: readonly TokenLogprob[] | undefined,
): (GenerationConfidence & { readonly scope: 'observation' | 'content' }) | undefined {
  if (logprobs === undefined || logprobs.length === 0) return undefined;
  const spelled = logprobs.map((entry) => entry.token).join('');
  const span = spelled === content ? observationSpan(content) : undefined;
  let selected: readonly TokenLogprob[] = logprobs;
  if (span !== undefined) {
    const inside: TokenLogprob[] = [];
    let offset = 0;
    for (const entry of logprobs) {
      const tokenStart = offset;
      offset += entry.token.length;
      if (offset > span.start && tokenStart < span.end) inside.push(entry);
    }
    if (inside.length > 0) selected = inside;
  }
  const values = selected.map((entry) => entry.logprob).filter((value) => Number.isFinite(value));
  if (values.length === 0) return undefined;
  const meanLogprob = values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    tokens: values.length,
    meanLogprob,
    minLogprob: Math.min(...values),
    confidence: Math.min(1, Math.max(0, Math.exp(meanLogprob))),
    scope: selected === logprobs ? 'content' : 'observation',
  };
}
