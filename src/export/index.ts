export {
  type AgentHarness,
  type AgentOpening,
  agentHarnessFor,
  nextScrollback,
  visiblePane,
} from './agent-prompts/index.js';
export { agentSftChat } from './agent-sft.js';
export { AtomicJsonlWriter } from './atomic-jsonl-writer.js';
export { benchRowMessages, benchRows, benchTrajectoryId } from './bench.js';
export { chatRow } from './chat-dialects.js';
export { type LocatedSession, readSessions } from './read-sessions.js';
export { type ExportOptions, type ExportSummary, exportSessions } from './run-export.js';
export { keepInSubsample, sampleTurnIndices, subsampleDraw } from './sampling.js';
export {
  type BenchRow,
  BenchRowSchema,
  EXPORT_DIALECTS,
  EXPORT_FORMATS,
  type ExportDialect,
  type ExportFormat,
  type MessagesRow,
  MessagesRowSchema,
  type ShareGptRow,
  ShareGptRowSchema,
  TURN_SELECTIONS,
  type TurnSelection,
} from './schemas.js';
export { isExportable, selectTurns, type TurnFilter } from './turn-selection.js';
export { worldModelChats, worldModelTarget } from './world-model.js';
export { type WorldModelPrompts, worldModelPrompts } from './world-model-prompt.js';
