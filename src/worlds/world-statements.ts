import type { FictionalWorld } from '../core/world-spec.js';
import type { WorldEntity, WorldValue } from './world-file.js';

/** What a statement is: a world-level fact, an entity's fact or attribute, or a table row. */
export type WorldStatementKind = 'world' | 'fact' | 'attribute' | 'row';

/** One retrievable statement of a world, as it is handed to the world model. */
export interface WorldStatement {
  /** Stable id: `world:3`, `fact:<entity>:2`, `attribute:<entity>:<key>`, `row:5`. */
  readonly id: string;
  readonly kind: WorldStatementKind;
  /** The entity it is about (facts and attributes). */
  readonly entityId?: string;
  /** The statement as text, readable on its own. */
  readonly text: string;
  /**
   * What the index searches when it differs from `text` (an attribute without its entity's name, which the
   * index holds in its own field, so an attribute ranks below the facts that say more than the name).
   */
  readonly searchText?: string;
  /** The table row's cells (rows only), for rendering the table. */
  readonly cells?: readonly WorldValue[];
  /** Position in the world, for a stable order. */
  readonly order: number;
}

export function renderValue(value: WorldValue): string {
  return value === null ? '—' : String(value);
}

/** An entity's name with its type and aliases: `Brine Runner (ferry; also "the Runner")`. */
export function describeEntity(entity: WorldEntity): string {
  const aliases =
    entity.aliases.length === 0 ? '' : `; also ${entity.aliases.map((alias) => `"${alias}"`).join(', ')}`;
  return `${entity.name} (${entity.type}${aliases})`;
}

/** Every statement of a world, in file order: world facts, then each entity's facts and attributes, then rows. */
export function worldStatements(world: FictionalWorld): WorldStatement[] {
  const statements: WorldStatement[] = [];
  const push = (statement: Omit<WorldStatement, 'order'>): void => {
    statements.push({ ...statement, order: statements.length });
  };
  world.facts.forEach((fact, index) => {
    push({ id: `world:${index}`, kind: 'world', text: fact });
  });
  for (const entity of world.entities) {
    entity.facts.forEach((fact, index) => {
      push({ id: `fact:${entity.id}:${index}`, kind: 'fact', entityId: entity.id, text: fact });
    });
    for (const [key, value] of Object.entries(entity.attributes)) {
      push({
        id: `attribute:${entity.id}:${key}`,
        kind: 'attribute',
        entityId: entity.id,
        text: `${entity.name} — ${key}: ${renderValue(value)}`,
        searchText: `${key.replace(/[_-]+/g, ' ')}: ${renderValue(value)}`,
      });
    }
  }
  const table = world.table;
  if (table !== undefined) {
    table.rows.forEach((row, index) => {
      const cells = table.columns.map((column, columnIndex) => {
        const value = row[columnIndex];
        return `${column}: ${renderValue(value === undefined ? null : value)}`;
      });
      push({ id: `row:${index}`, kind: 'row', text: `${table.name} — ${cells.join(', ')}`, cells: row });
    });
  }
  return statements;
}
