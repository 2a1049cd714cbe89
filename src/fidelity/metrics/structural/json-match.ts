/** The JSON value a text holds, when the whole (trimmed) text is a JSON object or array; undefined otherwise. */
export function parseJsonDocument(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

const MAX_DEPTH = 64;

/**
 * Agreement of two JSON values in [0, 1], recursively: an object scores the mean over the union of its keys (a key
 * one side lacks scores 0), an array the mean over the longer length by position, a scalar 1 when equal. A string
 * that itself holds a JSON object or array (an MCP text block's `text`) is compared as that JSON. Two empty
 * objects or arrays score 1.
 */
export function jsonAgreement(truth: unknown, prediction: unknown, depth = 0): number {
  if (depth > MAX_DEPTH) return Object.is(truth, prediction) ? 1 : 0;
  if (typeof truth === 'string' && typeof prediction === 'string') {
    if (truth === prediction) return 1;
    const truthJson = parseJsonDocument(truth);
    const predictionJson = parseJsonDocument(prediction);
    if (truthJson !== undefined && predictionJson !== undefined) {
      return jsonAgreement(truthJson, predictionJson, depth + 1);
    }
    return 0;
  }
  if (Array.isArray(truth) && Array.isArray(prediction)) {
    const length = Math.max(truth.length, prediction.length);
    if (length === 0) return 1;
    let sum = 0;
    for (let index = 0; index < Math.min(truth.length, prediction.length); index++) {
      sum += jsonAgreement(truth[index], prediction[index], depth + 1);
    }
    return sum / length;
  }
  if (isRecord(truth) && isRecord(prediction)) {
    const keys = new Set([...Object.keys(truth), ...Object.keys(prediction)]);
    if (keys.size === 0) return 1;
    let sum = 0;
    for (const key of keys) {
      if (Object.hasOwn(truth, key) && Object.hasOwn(prediction, key)) {
        sum += jsonAgreement(truth[key], prediction[key], depth + 1);
      }
    }
    return sum / keys.size;
  }
  return Object.is(truth, prediction) ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
