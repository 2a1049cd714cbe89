import { z } from 'zod';
import { definePerturbation, type ObservationContext } from '../../../core/perturbation.js';
import {
  batchArgumentOf,
  isPlainRecord,
  itemLabel,
  mcpCallOf,
  parseJsonValue,
  stringifyLike,
} from './mcp-call.js';

export const PartialBatchFailureParamsSchema = z.strictObject({
  /** How many items of the batch fail (the last ones); at least one item always succeeds. */
  failedItems: z.number().int().min(1).max(1000).default(1),
  /** The error each failed item reports. */
  reason: z.string().min(1).max(300).default('conflicts with a concurrent change (HTTP 409 Conflict)'),
});
export type PartialBatchFailureParams = z.infer<typeof PartialBatchFailureParamsSchema>;

const FAILED_KEYS = new Set(['failed', 'failures', 'errors', 'faileditems', 'failed_items']);
const FAILED_TEXT =
  /\b\d+\s+(?:of\s+\d+\s+)?(?:items?\s+|entries\s+|records\s+|operations?\s+|entities\s+)?(?:failed|could not be)\b|partial(?:ly)?\s+(?:fail|succe|appl|complet)/i;

interface BatchPlan {
  readonly total: number;
  readonly failed: number;
  readonly labels: readonly string[];
}

function planOf(params: PartialBatchFailureParams, context: ObservationContext): BatchPlan {
  const call = mcpCallOf(context);
  const batch = call === undefined ? undefined : batchArgumentOf(call);
  const parsed = parseJsonValue(context.observation);
  const items =
    batch?.items ??
    (parsed.ok && Array.isArray(parsed.value) && parsed.value.length >= 2 ? parsed.value : []);
  const total = Math.max(items.length, 2);
  const labels = Array.from({ length: total }, (_, index) => itemLabel(items[index], index));
  return { total, failed: Math.min(params.failedItems, total - 1), labels };
}

function renderBatch(params: PartialBatchFailureParams, context: ObservationContext): string {
  const plan = planOf(params, context);
  const succeededCount = plan.total - plan.failed;
  const failedLabels = plan.labels.slice(succeededCount);
  const summary = `${plan.failed} of ${plan.total} items failed`;
  const parsed = parseJsonValue(context.observation);
  if (parsed.ok) {
    const value = parsed.value;
    const succeeded = Array.isArray(value)
      ? value.length === plan.total
        ? value.slice(0, succeededCount)
        : value.filter((item, index) => !failedLabels.includes(itemLabel(item, index)))
      : isPlainRecord(value)
        ? value
        : plan.labels.slice(0, succeededCount);
    return stringifyLike(context.observation, {
      succeeded,
      failed: failedLabels.map((item) => ({ item, error: params.reason })),
      summary,
    });
  }
  const lines = failedLabels.map((label) => `- "${label}": ${params.reason}`);
  return `${context.observation.replace(/\s+$/, '')}\n\nWarning: ${summary} and were not applied:\n${lines.join('\n')}`;
}

/** A batch call goes through only in part: the result names the items that failed and why. */
export const partialBatchFailure = definePerturbation<PartialBatchFailureParams>({
  id: 'partial-batch-failure',
  title: 'Partial batch failure',
  description:
    'A call that works on a list of items succeeds for some and fails for the last failedItems of them; the ' +
    'result lists what succeeded and, per failed item, its name and the error. Applies to calls with a list ' +
    'argument of two items or more.',
  params: PartialBatchFailureParamsSchema,
  overridesChecks: {
    'output-schema':
      'the report of what succeeded and what failed replaces the result shape the tool declares',
  },
  appliesTo: (_params, context) => {
    const call = mcpCallOf(context);
    return call !== undefined && batchArgumentOf(call) !== undefined;
  },
  instruction: ({ failedItems, reason }, context) => {
    const call = mcpCallOf(context);
    const batch = call === undefined ? undefined : batchArgumentOf(call);
    if (batch === undefined) {
      return (
        `Batch calls (a tool given a list of two items or more) succeed only in part: the last ${failedItems} ` +
        `item(s) of each batch fail with "${reason}" and are not applied. The result lists the items that ` +
        'succeeded, then each failed item with its name and that error, and says how many of how many failed.'
      );
    }
    const failed = Math.min(failedItems, batch.items.length - 1);
    const names = batch.items
      .slice(batch.items.length - failed)
      .map((item, index) => `"${itemLabel(item, batch.items.length - failed + index)}"`)
      .join(', ');
    return (
      `This call's "${batch.key}" holds ${batch.items.length} items: apply only the first ` +
      `${batch.items.length - failed}. The last ${failed} (${names}) fail with "${reason}" and are not applied. ` +
      `The result lists the items that succeeded, then each failed item with its name and that error, and says ` +
      `"${failed} of ${batch.items.length} items failed".`
    );
  },
  render: renderBatch,
  manifested: (_params, { observation }) => {
    const parsed = parseJsonValue(observation);
    if (parsed.ok && isPlainRecord(parsed.value)) {
      for (const [key, value] of Object.entries(parsed.value)) {
        if (FAILED_KEYS.has(key.toLowerCase()) && Array.isArray(value) && value.length > 0) return true;
      }
    }
    return FAILED_TEXT.test(observation);
  },
});
