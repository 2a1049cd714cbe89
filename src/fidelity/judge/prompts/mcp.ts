import { textDomainPrompt } from './common.js';

/** MCP tool results: a tool call and the JSON or text the MCP server returns. */
export const MCP_JUDGE_PROMPT = textDomainPrompt({
  environment:
    'The agent calls tools exposed by MCP servers (files, databases, issue trackers, web services, memory stores …). The observation is the tool result: JSON or text, a success, an error, or an empty result.',
  contentClasses: `- Objective facts (must match exactly): identifiers and public names that can be known, error messages,
  labels, status values, and the direct results of executing the call.
- Numbers that move in real time (prices, counts, rates): close enough is fine, within about 10–20 %.
- Private, session-bound or unobservable data (generated ids, paths, timestamps, internal metadata): judge only
  whether it is valid and realistic, not whether it equals the ground truth.
- Structure (must match): the schema of the result — keys, arrays, wrappers, and the shape of an empty result.`,
  dimensions: `- Format: the same kind of payload (JSON or text), field names, nesting, indentation, markers and schema as the
  real server returns.
- Factuality: the call's parameters were understood correctly; the objective facts are exact; nothing is
  invented that the ground truth lacks; the outcome is right (success or error, found or not found).
- Consistency: resource ids, counters (step numbers, pagination offsets) and cause and effect carried correctly
  from earlier turns.
- Realism: the same kind of response (success, error, empty, partial), plausible value ranges, and edge cases or
  errors reported the way the real server reports them.
- Quality: everything the ground truth returns is there, and nothing extra is added.`,
});
