/**
 * Turning a world model's raw answer into an observation.
 *
 * Same reading as the AgentWorldBench evaluator, with two deliberate differences:
 * 1. An answer without a `<predicted_observation>` opener, or whose block is empty, is not an observation: it
 *    raises MODEL_OUTPUT_INVALID (retryable) instead of being passed on as prose.
 * 2. Whitespace inside the block is kept. Only these are removed: blank lines (lines of spaces/tabs) before
 *    the first and after the last line of text, and the spaces/tabs that separate text from a tag on the same
 *    line (`<predicted_observation> ok </predicted_observation>` gives `ok`). Indentation of the first line
 *    and trailing spaces of the last line (a shell prompt `root@box:/# `) are kept when the text stands on
 *    its own lines.
 */
import { AgentWorldError } from '../../core/errors.js';
import { OBSERVATION_MARKER } from '../../core/messages.js';

const THINK_OPEN = /<think>/gi;
const THINK_CLOSE = /<\/think>/gi;
const OBSERVATION_OPEN = /<predicted_observation>/gi;
const OBSERVATION_CLOSE = /<\/predicted_observation>/gi;
const THINK_CLOSE_LENGTH = '</think>'.length;

function indicesOf(pattern: RegExp, text: string): number[] {
  return Array.from(text.matchAll(pattern), (match) => match.index);
}

export interface StrippedThinking {
  /** The text with every thinking span removed. */
  readonly text: string;
  /** The removed thinking, tags dropped, spans joined by a blank line (empty when there was none). */
  readonly thinking: string;
}

/**
 * Removes `<think>` spans (tags matched case-insensitively):
 * - each `<think>` pairs with the first later `</think>` not yet taken, and the span between them goes
 *   (so nested openers pair with the first closers available);
 * - an orphan `</think>` removes everything from the start of the text through it;
 * - an orphan `<think>` removes everything from it up to the next `boundary` opener (`<predicted_observation>`
 *   unless told; the judge parser passes `<final_evaluation>`), or to the end;
 * - overlapping spans are merged before removal.
 */
export function stripThinking(text: string, boundary: RegExp = OBSERVATION_OPEN): StrippedThinking {
  const opens = indicesOf(THINK_OPEN, text);
  const closes = indicesOf(THINK_CLOSE, text);
  const observationOpens = indicesOf(new RegExp(boundary.source, 'gi'), text);
  if (opens.length === 0 && closes.length === 0) return { text, thinking: '' };

  const taken = new Set<number>();
  const spans: Array<[number, number]> = [];
  for (const open of opens) {
    const close = closes.find((candidate) => candidate > open && !taken.has(candidate));
    if (close !== undefined) {
      taken.add(close);
      spans.push([open, close + THINK_CLOSE_LENGTH]);
    } else {
      const next = observationOpens.find((candidate) => candidate > open);
      spans.push([open, next ?? text.length]);
    }
  }
  for (const close of closes) {
    if (!taken.has(close)) spans.push([0, close + THINK_CLOSE_LENGTH]);
  }
  spans.sort((a, b) => a[0] - b[0]);

  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }

  let kept = '';
  const removed: string[] = [];
  let cursor = 0;
  for (const [start, end] of merged) {
    kept += text.slice(cursor, start);
    removed.push(text.slice(start, end).replace(THINK_OPEN, '').replace(THINK_CLOSE, '').trim());
    cursor = end;
  }
  kept += text.slice(cursor);
  return { text: kept, thinking: removed.filter((part) => part.length > 0).join('\n\n') };
}

/** Removes blank lines around the text, or the spaces separating it from a tag on the same line. */
export function trimObservation(text: string): string {
  let result = text;
  const leading = /^(?:[ \t\f\v]*\r?\n)+/.exec(result);
  result = leading === null ? result.replace(/^[ \t\f\v]+/, '') : result.slice(leading[0].length);
  const trailing = /(?:\r?\n[ \t\f\v]*)+$/.exec(result);
  result = trailing === null ? result.replace(/[ \t\f\v]+$/, '') : result.slice(0, trailing.index);
  return result;
}

/** Drops a leading `**Environment Observation:**` marker and the line break after it. */
export function stripObservationMarker(text: string): string {
  if (!text.startsWith(OBSERVATION_MARKER)) return text;
  return trimObservation(text.slice(OBSERVATION_MARKER.length).replace(/^[ \t]*(?:\r?\n)?/, ''));
}

export interface ObservationBlock {
  /** The block's content, untrimmed. */
  readonly content: string;
  /** Whether the block has its closing tag. */
  readonly closed: boolean;
}

/** The last `<predicted_observation>` block (to the end of the text when unclosed), or undefined. */
export function lastObservationBlock(text: string): ObservationBlock | undefined {
  const opens = indicesOf(OBSERVATION_OPEN, text);
  const open = opens[opens.length - 1];
  if (open === undefined) return undefined;
  const start = open + '<predicted_observation>'.length;
  const close = indicesOf(OBSERVATION_CLOSE, text.slice(start))[0];
  return close === undefined
    ? { content: text.slice(start), closed: false }
    : { content: text.slice(start, start + close), closed: true };
}

export interface ExtractedObservation {
  readonly observation: string;
  /** `reasoning_content`/`reasoning` when the server separated it, else the removed `<think>` text. */
  readonly reasoning?: string;
  /** Whether the observation block had its closing tag. */
  readonly closed: boolean;
}

export interface ExtractObservationOptions {
  /** The choice's `finish_reason`; `length` with no complete block is reported as truncation. */
  readonly finishReason?: string | null | undefined;
}

function preview(text: string): string {
  return text.length <= 300 ? text : `${text.slice(0, 150)} … ${text.slice(-150)}`;
}

/**
 * The observation inside a world model's answer. Throws MODEL_OUTPUT_INVALID (retryable) when there is none:
 * no `<predicted_observation>` opener, an empty block, or a block cut off by the token budget.
 */
export function extractObservation(
  content: string | null | undefined,
  reasoningContent?: string | null,
  options: ExtractObservationOptions = {},
): ExtractedObservation {
  const raw = content ?? '';
  const stripped = stripThinking(raw);
  const separate = reasoningContent?.trim() ?? '';
  const reasoning = separate.length > 0 ? separate : stripped.thinking;
  const reasoningPart = reasoning.length > 0 ? { reasoning } : {};
  const finishReason = options.finishReason ?? undefined;
  const details = (reason: string): Record<string, unknown> => ({
    reason,
    ...(finishReason === undefined ? {} : { finishReason }),
    contentPreview: preview(raw),
    reasoningChars: reasoning.length,
  });

  const block = lastObservationBlock(stripped.text);
  if (finishReason === 'length' && (block === undefined || !block.closed)) {
    throw new AgentWorldError(
      'MODEL_OUTPUT_INVALID',
      'The world model ran out of tokens before finishing its observation (finish_reason "length").',
      { details: details('truncated') },
    );
  }
  if (block === undefined) {
    throw new AgentWorldError(
      'MODEL_OUTPUT_INVALID',
      'The world model answered without a <predicted_observation> block.',
      {
        details: details('missing_tag'),
      },
    );
  }
  const observation = stripObservationMarker(trimObservation(block.content));
  if (observation.trim().length === 0) {
    throw new AgentWorldError(
      'MODEL_OUTPUT_INVALID',
      'The world model answered with an empty <predicted_observation> block.',
      {
        details: details('empty_observation'),
      },
    );
  }
  return { observation, closed: block.closed, ...reasoningPart };
}

/**
 * The AgentWorldBench evaluator's own reading, for scoring compatibility: untagged answers are returned whole,
 * an empty answer becomes `No output`, everything is fully trimmed, and the marker is removed as the judge
 * step does (a leading marker only, else every occurrence).
 */
export function benchmarkObservation(content: string | null | undefined): string {
  const raw = content ?? '';
  if (raw.length === 0) return 'No output';
  const cleaned = stripThinking(raw).text.trim();
  const block = lastObservationBlock(cleaned);
  const text = block === undefined ? cleaned : block.content.trim();
  if (text.length === 0) return 'No output';
  return text.startsWith(OBSERVATION_MARKER)
    ? text.slice(OBSERVATION_MARKER.length)
    : text.split(OBSERVATION_MARKER).join('');
}
