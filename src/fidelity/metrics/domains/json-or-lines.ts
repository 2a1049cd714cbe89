import type { StructuralScore } from '../domain-metrics.js';
import { jsonAgreement, parseJsonDocument } from '../structural/json-match.js';
import { contentLines, multisetF1 } from '../structural/multiset-f1.js';

/**
 * Tool results (mcp, swe): JSON agreement when both sides are JSON documents; a line-level F1 otherwise (plain
 * text, CSV, a shell envelope, or one side JSON and the other not).
 */
export function jsonOrLines(truth: string, prediction: string): StructuralScore {
  const truthJson = parseJsonDocument(truth);
  const predictionJson = parseJsonDocument(prediction);
  if (truthJson !== undefined && predictionJson !== undefined) {
    return { kind: 'json', score: jsonAgreement(truthJson, predictionJson) };
  }
  return { kind: 'lines', score: multisetF1(contentLines(truth), contentLines(prediction)) };
}
