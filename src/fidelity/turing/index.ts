/** `agentworld bench turing`: the double-blind real-vs-simulated test and its report. */
export {
  askJudge,
  createTuringJudgeClient,
  type TuringJudgeSettings,
  turingJudgeParameters,
  type Verdict,
} from './ask-judge.js';
export { type Choice, extractChoice } from './choice.js';
export { pinTuringManifest, readTuringManifest, turingManifestDifferences } from './manifest.js';
export {
  TURING_INSTRUCTIONS,
  TURING_SYSTEM_PROMPT,
  type TuringPair,
  turingMessages,
  turingPair,
  turingPromptHashes,
  turingUserMessage,
} from './prompt.js';
export {
  runTuring,
  simulatedPosition,
  TURING_LOG_FORMAT,
  type TuringEvent,
  type TuringRunOptions,
  type TuringRunResult,
} from './run-turing.js';
export * from './schemas.js';
export { domainOrder, formatTuringReport, summarizeTuring, wilsonRate } from './summarize.js';
