/**
 * Fictional worlds: one invented world, described once in a world file, shown consistently by every domain.
 *
 * - Format (`world-file.ts`): `{ version: 1, name, description?, entities: [{ id, name, type, aliases?,
 *   attributes?, facts, url? }], facts?, table?: { name, columns, rows }, questions?: [{ question, answer,
 *   parts? }] }`. A spec's `world` holds such content inline (the early `{ name, facts }` form included) or
 *   `{ file }`, which `readSpecFile` resolves relative to the spec file and inlines.
 * - Target (`world-target.ts`): `world.target` names a world question (index or text) or gives its own
 *   `answer` and `parts`; without it, a task whose text is one of the world questions is the target.
 * - Retrieval (`world-index.ts`): a MiniSearch index over every fact, attribute and table row, built once per
 *   world object; prefix and fuzzy matching, BM25 ranking, results grouped by entity.
 * - Prompt (`world-prompt.ts`): non-search domains list the world's facts in the system prompt's World Facts
 *   section (only the task-relevant ones when the world has more than `promptFactLimit`); search worlds list
 *   world-level facts and explain that the rest arrives per turn.
 * - Per turn (`world-control.ts`): `worldInstructions` gives the control instructions of one turn — the
 *   facts matching each web_search query or the opened page, or, elsewhere, the facts an action bears on.
 * - No leakage (`answer-guard.ts`): with a target, one turn's facts never mention every part of a multi-part
 *   answer, and search snippets never mention a one-part answer; the instruction says facts are held back.
 */
export {
  type DraftResult,
  type GuardedResults,
  guardResults,
  type LeakMode,
  mentionsPart,
  partsMentioned,
} from './answer-guard.js';
export {
  DEFAULT_RETRIEVAL_SETTINGS,
  type RetrievalSettings,
  retrievalSettingsOf,
} from './retrieval-settings.js';
export { normalisedUrl, processSearchTerm, urlWords } from './search-terms.js';
export { type WorldTurnFacts, worldInstructions } from './world-control.js';
export * from './world-file.js';
export {
  groupKeyOf,
  indexWorld,
  type WorldHit,
  type WorldHitGroup,
  WorldIndex,
  type WorldSearchOptions,
  type WorldSubject,
  worldIndexFor,
} from './world-index.js';
export { promptStatements, statementsInPrompt, worldFactsSection } from './world-prompt.js';
export { inlineWorldFile, readWorldFile } from './world-reference.js';
export {
  describeEntity,
  renderValue,
  type WorldStatement,
  type WorldStatementKind,
  worldStatements,
} from './world-statements.js';
export { type ResolvedTarget, targetOf } from './world-target.js';
