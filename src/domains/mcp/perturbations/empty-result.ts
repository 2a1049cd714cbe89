import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  callSubject,
  isListingTool,
  isPlainRecord,
  mcpCallOf,
  parseJsonValue,
  stringifyLike,
} from './mcp-call.js';
import { isToolErrorResult } from './tool-error.js';

export const EmptyResultParamsSchema = z.strictObject({});
export type EmptyResultParams = z.infer<typeof EmptyResultParamsSchema>;

const NOTHING_FOUND =
  /\bno (?:results|items|matches|records|entries|data|entities)\b|nothing (?:was )?found|\b0 (?:results|items|matches|records|entries)\b|\bempty\b/i;

/** The same shape with no data left: lists emptied, nested objects emptied, plain values dropped. */
function emptied(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (isPlainRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (Array.isArray(field) || isPlainRecord(field)) result[key] = emptied(field);
    }
    return result;
  }
  return null;
}

function isEmptyJson(value: unknown): boolean {
  if (value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainRecord(value)) return Object.values(value).every(isEmptyJson);
  return false;
}

/** The call succeeds but finds nothing: an empty list or object, not an error. */
export const emptyResult = definePerturbation<EmptyResultParams>({
  id: 'empty-result',
  title: 'Empty result',
  description:
    'A read or search tool succeeds but returns no data: an empty list, a JSON object with empty lists, or one ' +
    'line saying nothing was found. Not an error. Applies to read-only tools that list, search or read collections.',
  params: EmptyResultParamsSchema,
  appliesTo: (_params, context) => {
    const call = mcpCallOf(context);
    return call !== undefined && isListingTool(context.spec, call.name);
  },
  instruction: (_params, context) =>
    `Make ${callSubject(context, 'every read or search call')} succeed but find nothing: return the normal ` +
    'result shape holding no data (an empty list "[]", or a JSON object whose lists are empty), or for a ' +
    'plain-text tool one short line saying no results were found. It is not an error result.',
  render: (_params, { observation }) => {
    const parsed = parseJsonValue(observation);
    return parsed.ok ? stringifyLike(observation, emptied(parsed.value)) : 'No results found.';
  },
  manifested: (_params, { observation }) => {
    const parsed = parseJsonValue(observation);
    if (parsed.ok) return isEmptyJson(parsed.value);
    const text = observation.trim();
    return text.length <= 200 && !isToolErrorResult(text) && NOTHING_FOUND.test(text);
  },
});
