/**
 * Reading a judge's reply into the five scores, as robustly as the reference's `parse_judge_output` (spec §2.3):
 * think blocks removed, the last `<final_evaluation>` block (or the whole text), the best JSON candidate
 * (fenced block, balanced objects scanned forward, then backward), light repairs, a scores-only fallback, and
 * lenient score coercion. Deliberate differences, each fixing a reference bug (spec §5.6):
 * - the repairs run only when the candidate is not already valid JSON (the reference's bare-key repair can
 *   rewrite text inside string values);
 * - a negative score counts as missing (0), as a non-number does (the reference keeps negatives and averages
 *   them into the dimension means);
 * - a boolean counts as missing (the reference reads Python `True` as 1);
 * - a reply with no dimension scored (`"scores": {}`) is a parse failure, retried, never a valid row of zeros;
 * - dimension keys match case-insensitively, and a numeric string is read as a number ("4.5" as well as "4/5").
 */
import { stripThinking } from '../../engines/lwm/extract.js';
import { JUDGE_DIMENSIONS, type JudgeScores } from '../schemas.js';
import { jsonCandidate } from './json-candidate.js';

export interface ParsedJudgeReply {
  readonly ok: true;
  readonly scores: JudgeScores;
  /** Mean of the dimensions > 0 (never 0 here: a reply with no dimension scored is a failure). */
  readonly totalScore: number;
  readonly strengths: string[];
  readonly weaknesses: string[];
}

export interface JudgeReplyFailure {
  readonly ok: false;
  readonly reason: string;
}

const FINAL_OPEN = /<final_evaluation>/gi;
const FINAL_CLOSE = /<\/final_evaluation>/i;

/** The content of the last `<final_evaluation>` block (to the end when unclosed), or undefined. */
export function lastFinalEvaluation(text: string): string | undefined {
  const opens = Array.from(text.matchAll(FINAL_OPEN), (match) => match.index);
  const open = opens[opens.length - 1];
  if (open === undefined) return undefined;
  const rest = text.slice(open + '<final_evaluation>'.length);
  const close = FINAL_CLOSE.exec(rest);
  return close === null ? rest : rest.slice(0, close.index);
}

/** Trailing commas dropped, single-quoted keys double-quoted, bare keys quoted, Python literals made JSON. */
export function repairJson(text: string): string {
  return text
    .replace(/,\s*([}\]])/g, '$1')
    .replace(/'([^'"\n]+)'\s*:/g, '"$1":')
    .replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":')
    .replace(/:\s*True\b/g, ': true')
    .replace(/:\s*False\b/g, ': false')
    .replace(/:\s*None\b/g, ': null');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  for (const candidate of [text, repairJson(text)]) {
    try {
      const value: unknown = JSON.parse(candidate);
      return isRecord(value) ? value : undefined;
    } catch {
      // try the repaired text next
    }
  }
  return undefined;
}

/** The reference's fallback: the `"scores": {…}` object alone (no nested braces). */
function scoresOnly(text: string): Record<string, unknown> | undefined {
  const match = /["']?scores["']?\s*:\s*\{[^{}]*\}/i.exec(text);
  if (match === null) return undefined;
  const normalised = match[0].replace(/^["']?scores["']?/i, '"scores"');
  return parseObject(`{"strengths": [], "weaknesses": [], ${normalised}}`);
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference < 0.5) return floor;
  if (difference > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** One dimension's value as an integer score 1–5, or 0 when missing or unreadable. */
export function coerceScore(value: unknown): number {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string') {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*(?:\/.*)?$/s.exec(value);
    if (match?.[1] !== undefined) number = Number(match[1]);
  }
  if (number === undefined || !Number.isFinite(number)) return 0;
  const rounded = roundHalfEven(number);
  if (rounded <= 0) return 0;
  return Math.min(5, Math.max(1, rounded));
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (typeof value === 'string' && value.trim() !== '') return [value];
  return [];
}

function fieldOf(object: Record<string, unknown>, name: string): unknown {
  if (name in object) return object[name];
  const key = Object.keys(object).find((candidate) => candidate.trim().toLowerCase() === name);
  return key === undefined ? undefined : object[key];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `scores` object, or the object itself when it holds dimension keys directly (a cut-off reply). */
function scoreObjectOf(parsed: Record<string, unknown>): Record<string, unknown> | undefined {
  const scores = fieldOf(parsed, 'scores');
  if (isRecord(scores)) return scores;
  if (scores !== undefined) return undefined;
  return JUDGE_DIMENSIONS.some((dimension) => fieldOf(parsed, dimension) !== undefined) ? parsed : undefined;
}

/** A judge's reply read into scores, or the reason it could not be. */
export function parseJudgeOutput(reply: string): ParsedJudgeReply | JudgeReplyFailure {
  if (reply.trim() === '') return { ok: false, reason: 'Empty output' };
  const cleaned = stripThinking(reply, FINAL_OPEN).text.trim();
  const block = lastFinalEvaluation(cleaned);
  const region = block ?? cleaned;
  const candidate = jsonCandidate(region) ?? (block === undefined ? undefined : jsonCandidate(cleaned));
  if (candidate === undefined) return { ok: false, reason: 'No JSON object in the reply' };
  let parsed = parseObject(candidate);
  if (parsed === undefined || scoreObjectOf(parsed) === undefined)
    parsed = scoresOnly(candidate) ?? scoresOnly(region) ?? parsed;
  if (parsed === undefined) return { ok: false, reason: 'The JSON could not be parsed' };
  const scoreObject = scoreObjectOf(parsed);
  if (scoreObject === undefined) return { ok: false, reason: 'No "scores" object' };
  const scores = Object.fromEntries(
    JUDGE_DIMENSIONS.map((dimension) => [dimension, coerceScore(fieldOf(scoreObject, dimension))]),
  ) as JudgeScores;
  const given = JUDGE_DIMENSIONS.map((dimension) => scores[dimension]).filter((score) => score > 0);
  if (given.length === 0) return { ok: false, reason: 'No dimension was scored' };
  return {
    ok: true,
    scores,
    totalScore: given.reduce((sum, score) => sum + score, 0) / given.length,
    strengths: stringList(fieldOf(parsed, 'strengths')),
    weaknesses: stringList(fieldOf(parsed, 'weaknesses')),
  };
}
