export { findBwrap, requireBwrap } from '../../engines/real/sandbox/find-bwrap.js';
export {
  SANDBOX_ENVIRONMENT,
  SANDBOX_HOME,
  SANDBOX_HOST,
  SANDBOX_PATH,
  SANDBOX_UID,
  SANDBOX_USER,
  SANDBOX_WRITABLE,
  type SandboxCommandOptions,
  sandboxCommand,
} from '../../engines/real/sandbox/sandbox-command.js';
export {
  PtyShell,
  type PtyShellOptions,
  SHELL_COLUMNS,
  SHELL_ROWS,
  type ShellCommandResult,
} from '../../engines/real/terminal/pty-shell.js';
export { SandboxShellEngine } from '../../engines/real/terminal/sandbox-shell-engine.js';
export { ENGLISH_WORDS } from './english-words.js';
export type { CommandDraft, CommandFamily, VariableChange } from './families/command-family.js';
export { EXTENSION_FAMILIES, EXTENSION_FAMILY_NAMES } from './families/extension-families.js';
export { TRAINING_FAMILIES, TRAINING_FAMILY_NAMES } from './families/training-families.js';
export {
  addOutcome,
  emptySummary,
  type FamilyCount,
  type GenerationSummary,
  mergeSummary,
} from './generation-summary.js';
export {
  type DrawnCommand,
  drawCommand,
  type FamilyEmphasis,
  GRAMMAR_MODES,
  type GrammarMode,
  grammarFamilies,
  parseFamilyEmphasis,
} from './grammar.js';
export {
  type GrammarSnapshot,
  GrammarView,
  relativeToWorkspace,
  type ShellVariable,
} from './grammar-view.js';
export { OrderedShardWriter, shardFileName } from './ordered-shard-writer.js';
export { progressLine } from './progress-line.js';
export { SeededRandom } from './random.js';
export {
  type GenerationOptions,
  type GenerationProgress,
  type GenerationResult,
  runGeneration,
  SUMMARY_FILE,
  type WorkerEntry,
} from './run-generation.js';
export {
  type DropReason,
  emptySandboxSlot,
  FAMILY_EVENT,
  GENERATED_TIMESTAMP,
  generatedSessionId,
  generateSession,
  releaseSandbox,
  type SandboxSlot,
  type SessionGeneratorOptions,
  type SessionOutcome,
} from './session-generator.js';
export {
  CLASSIC_IDENTITY,
  CONTAINER_WORKSPACE,
  DEFAULT_ROOT_IDENTITY,
  drawShellIdentity,
  isPrivileged,
  promptTemplateOf,
  type ShellIdentity,
  type ShellIdentityKind,
} from './session-identity.js';
export {
  GENERATED_SESSION_SPEC_INPUT,
  generatedSessionSpec,
  generatedSessionSpecInput,
} from './session-spec.js';
export { runShardTask, type ShardTask } from './shard-task.js';
export { Vocabulary } from './vocabulary.js';
export { isWorkerProcess, serveWorkerTask, WORKER_ENVIRONMENT_FLAG } from './worker-process.js';
export {
  type EntryKind,
  readWorkspaceState,
  type WorkspaceEntry,
  type WorkspaceState,
} from './workspace-state.js';
