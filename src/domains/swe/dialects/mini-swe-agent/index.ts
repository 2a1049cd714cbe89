/**
 * The mini-swe-agent dialect of the swe domain. mini-swe-agent: one bash command per action (actions.ts), the `<returncode>`/`<output>` template (render.ts
 * writes it, parse.ts reads it), shown to the policy unchanged (presentation.ts), its part of the system prompt;
 * conformance fixtures restated from SWE-agent/mini-swe-agent a83fcae8 (fixtures.ts, conformance.test.ts).
 */
export { MINI_SWE_AGENT_TOOLS, miniSweCommandFromText } from './actions.js';
export { parseMiniSweResult } from './parse.js';
export { presentMiniSweObservation } from './presentation.js';
export {
  isMiniSweSubmission,
  MINI_SWE_ELISION_WARNING,
  MINI_SWE_HEAD_TAIL,
  MINI_SWE_OUTPUT_LIMIT,
  miniSweTimeoutMessage,
  renderMiniSweException,
  renderMiniSweObservation,
} from './render.js';
export { MINI_SWE_AGENT_ACTION_SPACE, MINI_SWE_AGENT_RESULT_FORMAT } from './system-prompt.js';
