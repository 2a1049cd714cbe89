/**
 * The swe-agent dialect of the swe domain. SWE-agent: tool calls to bash, str_replace_editor and submit (actions.ts), the editor's answers restated from
 * SWE-agent/SWE-agent 3ea751c0 (render.ts), the OBSERVATION: wrapper (presentation.ts), its part of the system
 * prompt; conformance fixtures restated from the harness source (fixtures.ts, conformance.test.ts).
 */
export { SWE_AGENT_TOOLS } from './actions.js';
export { presentSweAgentObservation, SWE_AGENT_NO_OUTPUT } from './presentation.js';
export {
  expandTabs,
  renderSweAgentStrReplace,
  renderSweAgentSubmission,
  renderSweAgentSubmitReview,
  renderSweAgentView,
  runSweAgentEditor,
  SWE_AGENT_SUBMIT_REVIEW,
  type SweAgentEditorFiles,
  type SweAgentEditorHistory,
  type SweAgentEditorResult,
  sweAgentMakeOutput,
} from './render.js';
export { SWE_AGENT_ACTION_SPACE, SWE_AGENT_RESULT_FORMAT } from './system-prompt.js';
