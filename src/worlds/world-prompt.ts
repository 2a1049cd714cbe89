import type { WorldSpec } from '../core/world-spec.js';
import { partsMentioned } from './answer-guard.js';
import { retrievalSettingsOf } from './retrieval-settings.js';
import { type WorldIndex, worldIndexFor } from './world-index.js';
import { describeEntity, renderValue, type WorldStatement } from './world-statements.js';
import { targetOf } from './world-target.js';

/** The world's opening line: that it is fictional, and its description. */
function opening(index: WorldIndex): string {
  const world = index.world;
  const name = world.name ? `The world "${world.name}" is fictional.` : 'This world is fictional.';
  return world.description ? `${name} ${world.description.trim()}` : name;
}

/** The text a spec's world model reads to pick statements for the system prompt. */
function focusText(spec: WorldSpec): string {
  return [spec.task ?? '', spec.initialState.text ?? '', targetOf(spec)?.question ?? ''].join('\n');
}

/**
 * The statements of a non-search world's system prompt. A world within `promptFactLimit` gives all of them;
 * a larger one gives its world-level facts, then the statements of the entities (and table rows) the task and
 * initial state are about, up to the limit. The others are handed over turn by turn (`worldInstructions`).
 */
export function promptStatements(spec: WorldSpec, index: WorldIndex): WorldStatement[] {
  const limit = retrievalSettingsOf(index.world).promptFactLimit;
  if (index.statements.length <= limit) return [...index.statements];
  const chosen = new Set<string>();
  const add = (statement: WorldStatement): void => {
    if (chosen.size < limit) chosen.add(statement.id);
  };
  for (const statement of index.statements) if (statement.kind === 'world') add(statement);
  for (const group of index.findGroups(focusText(spec))) {
    // An entity the task is about comes with all its facts; table rows and world facts only as matched.
    const members = group.subject.kind === 'entity' ? index.statementsOf(group.key) : group.statements;
    for (const statement of members) add(statement);
  }
  return index.statements.filter((statement) => chosen.has(statement.id));
}

/** Statements as system-prompt text: world facts, then one block per entity, then the table. */
function renderStatements(index: WorldIndex, statements: readonly WorldStatement[]): string {
  const blocks: string[] = [];
  const worldFacts = statements.filter((statement) => statement.kind === 'world');
  if (worldFacts.length > 0) blocks.push(worldFacts.map((statement) => `- ${statement.text}`).join('\n'));
  const byEntity = new Map<string, WorldStatement[]>();
  for (const statement of statements) {
    if (statement.entityId === undefined) continue;
    const list = byEntity.get(statement.entityId) ?? [];
    list.push(statement);
    byEntity.set(statement.entityId, list);
  }
  for (const [entityId, list] of byEntity) {
    const entity = index.entity(entityId);
    if (entity === undefined) continue;
    const page = entity.url === undefined ? '' : `, page ${entity.url}`;
    blocks.push(
      `**${describeEntity(entity)}**${page}:\n${list.map((statement) => `- ${statement.text}`).join('\n')}`,
    );
  }
  const table = index.world.table;
  const rows = statements.filter((statement) => statement.kind === 'row');
  if (table !== undefined && rows.length > 0) {
    const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
    const about = table.description ? ` (${table.description.trim()})` : '';
    blocks.push(
      [
        `**Table "${table.name}"**${about}:`,
        line(table.columns),
        line(table.columns.map(() => '---')),
        ...rows.map((row) => line((row.cells ?? []).map((cell) => renderValue(cell)))),
      ].join('\n'),
    );
  }
  return blocks.join('\n\n');
}

/** The World Facts section of a non-search domain's system prompt. */
function factsSection(spec: WorldSpec, index: WorldIndex): string | undefined {
  const statements = promptStatements(spec, index);
  if (statements.length === 0 && !index.world.description) return undefined;
  const lines = [`${opening(index)} Treat these facts as true and never contradict them:`];
  if (statements.length > 0) lines.push(renderStatements(index, statements));
  if (statements.length < index.statements.length) {
    lines.push(
      'The world holds more facts than these. Those that bear on an action are given with that turn, under Simulation Control; treat them the same way.',
    );
  }
  return lines.join('\n');
}

/**
 * The World Facts section of a search world's system prompt. Entity facts are not listed: they arrive turn by
 * turn with the results they belong to, so the no-leakage rule can decide what each turn may show. World-level
 * facts are listed unless they mention part of the target answer.
 */
function searchSection(spec: WorldSpec, index: WorldIndex): string {
  const target = targetOf(spec);
  const limit = retrievalSettingsOf(index.world).promptFactLimit;
  const general = index.statements
    .filter((statement) => statement.kind === 'world')
    .filter((statement) => target === undefined || partsMentioned(statement.text, target.parts).size === 0)
    .slice(0, limit);
  const lines = [
    `${opening(index)} Treat what you are told about it as true and never contradict it${general.length > 0 ? ':' : '.'}`,
  ];
  if (general.length > 0) lines.push(general.map((statement) => `- ${statement.text}`).join('\n'));
  lines.push(
    'Facts about its places, people and things reach you turn by turn: on each web_search and web_extractor turn, the Simulation Control block lists the facts that match the call, grouped by the result or page they belong to. Build those results from them, state nothing about the world that no fact given in this session supports, and keep later results consistent with earlier ones.',
  );
  if (target !== undefined) {
    lines.push(
      'The agent is researching a question this world answers. Results may point toward the answer, but no single snippet or page may give all of it: some facts are held back on purpose. Never fill those gaps yourself, and never merge facts from different results or earlier turns into one snippet.',
    );
  }
  return lines.join('\n');
}

/** Per spec object: the statements its prompt states (a step asks every turn; the answer never changes). */
const inPromptCache = new WeakMap<WorldSpec, { index: WorldIndex; ids: ReadonlySet<string> }>();

/**
 * Ids of the statements a non-search spec's system prompt already states, which per-turn retrieval leaves
 * out. Search worlds hand facts over per result whatever the prompt says, so nothing is left out there.
 */
export function statementsInPrompt(spec: WorldSpec, index: WorldIndex): ReadonlySet<string> {
  if (spec.domain === 'search') return new Set();
  const cached = inPromptCache.get(spec);
  if (cached !== undefined && cached.index === index) return cached.ids;
  const ids = new Set(promptStatements(spec, index).map((statement) => statement.id));
  inPromptCache.set(spec, { index, ids });
  return ids;
}

/**
 * The body of the system prompt's World Facts section for a spec, or undefined when it has no world (or an
 * empty one). Search worlds describe how facts arrive per turn; other domains list the facts themselves.
 */
export function worldFactsSection(spec: WorldSpec): string | undefined {
  const index = worldIndexFor(spec);
  if (index === undefined) return undefined;
  if (index.statements.length === 0 && !index.world.description) return undefined;
  return spec.domain === 'search' ? searchSection(spec, index) : factsSection(spec, index);
}
