import MiniSearch from 'minisearch';
import { AgentWorldError } from '../core/errors.js';
import type { FictionalWorld, WorldSpec } from '../core/world-spec.js';
import { normalisedUrl, processSearchTerm, urlWords } from './search-terms.js';
import type { WorldEntity } from './world-file.js';
import { type WorldStatement, worldStatements } from './world-statements.js';

/** One statement a query matched, with its relevance score. */
export interface WorldHit {
  readonly statement: WorldStatement;
  readonly score: number;
}

/** What a group of statements is about: one entity, the world as a whole, or the table. */
export type WorldSubject =
  | { readonly kind: 'entity'; readonly entity: WorldEntity }
  | { readonly kind: 'world' }
  | { readonly kind: 'table' };

/** The statements a query matched about one subject, best first; groups are ordered by their best score. */
export interface WorldHitGroup {
  readonly key: string;
  readonly subject: WorldSubject;
  readonly score: number;
  readonly statements: readonly WorldStatement[];
}

export interface WorldSearchOptions {
  /** Statements to leave out (e.g. those already in the system prompt). */
  readonly exclude?: ReadonlySet<string>;
  /** Only statements of this group key (`entity:<id>`, `world`, `table`). */
  readonly groupKey?: string;
  /** Hits scoring below this share of the best hit are dropped as noise (default 0.2). */
  readonly minRelativeScore?: number;
}

interface IndexedDocument {
  readonly id: string;
  readonly text: string;
  readonly name: string;
  readonly aliases: string;
  readonly type: string;
}

const DEFAULT_MIN_RELATIVE_SCORE = 0.2;
const FUZZY_MIN_LENGTH = 5;

/** The group a statement belongs to. */
export function groupKeyOf(statement: WorldStatement): string {
  if (statement.entityId !== undefined) return `entity:${statement.entityId}`;
  return statement.kind === 'row' ? 'table' : 'world';
}

/**
 * A full-text index over one world's statements (MiniSearch: BM25 ranking, prefix and fuzzy matching), built
 * once per world object. Each statement is indexed with its subject's name, aliases and type, so a query that
 * names an entity finds all of its facts, and one that names a detail finds the facts that state it.
 */
export class WorldIndex {
  readonly world: FictionalWorld;
  readonly statements: readonly WorldStatement[];
  private readonly byId: ReadonlyMap<string, WorldStatement>;
  private readonly entities: ReadonlyMap<string, WorldEntity>;
  private readonly miniSearch: MiniSearch<IndexedDocument>;

  constructor(world: FictionalWorld) {
    this.world = world;
    this.statements = worldStatements(world);
    this.byId = new Map(this.statements.map((statement) => [statement.id, statement]));
    this.entities = new Map(world.entities.map((entity) => [entity.id, entity]));
    this.miniSearch = new MiniSearch<IndexedDocument>({
      fields: ['text', 'name', 'aliases', 'type'],
      processTerm: (term) => processSearchTerm(term),
      searchOptions: {
        boost: { name: 2, aliases: 2 },
        prefix: true,
        // One typo in five letters; short words get none (`cake` must not find `take`).
        fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH ? 0.2 : false),
        combineWith: 'OR',
      },
    });
    this.miniSearch.addAll(this.statements.map((statement) => this.documentOf(statement)));
  }

  get name(): string {
    return this.world.name ?? 'the fictional world';
  }

  entity(id: string): WorldEntity | undefined {
    return this.entities.get(id);
  }

  /** The entity whose `url` is this address (scheme, `www.` and trailing slash ignored). */
  entityForUrl(url: string): WorldEntity | undefined {
    const wanted = normalisedUrl(url);
    return this.world.entities.find(
      (entity) => entity.url !== undefined && normalisedUrl(entity.url) === wanted,
    );
  }

  subjectOf(key: string): WorldSubject {
    if (key.startsWith('entity:')) {
      const entity = this.entities.get(key.slice('entity:'.length));
      if (entity !== undefined) return { kind: 'entity', entity };
    }
    return key === 'table' ? { kind: 'table' } : { kind: 'world' };
  }

  /** Every statement of one group, in world order. */
  statementsOf(key: string): WorldStatement[] {
    return this.statements.filter((statement) => groupKeyOf(statement) === key);
  }

  /** Statements matching the text, best first. */
  find(text: string, options: WorldSearchOptions = {}): WorldHit[] {
    if (text.trim().length === 0) return [];
    const results = this.miniSearch.search(text, {
      ...(options.groupKey === undefined && options.exclude === undefined
        ? {}
        : {
            filter: (result) => {
              const statement = this.byId.get(String(result.id));
              if (statement === undefined || options.exclude?.has(statement.id)) return false;
              return options.groupKey === undefined || groupKeyOf(statement) === options.groupKey;
            },
          }),
    });
    const best = results[0]?.score ?? 0;
    const floor = best * (options.minRelativeScore ?? DEFAULT_MIN_RELATIVE_SCORE);
    const hits: WorldHit[] = [];
    for (const result of results) {
      if (result.score < floor) break;
      const statement = this.byId.get(String(result.id));
      if (statement !== undefined) hits.push({ statement, score: result.score });
    }
    return hits;
  }

  /** The matches of a text grouped by subject (entity, world, table), the best group first. */
  findGroups(text: string, options: WorldSearchOptions = {}): WorldHitGroup[] {
    const groups = new Map<string, { score: number; statements: WorldStatement[] }>();
    for (const hit of this.find(text, options)) {
      const key = groupKeyOf(hit.statement);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { score: hit.score, statements: [hit.statement] });
      else group.statements.push(hit.statement);
    }
    return [...groups.entries()].map(([key, group]) => ({
      key,
      subject: this.subjectOf(key),
      score: group.score,
      statements: group.statements,
    }));
  }

  /**
   * What an opened page at `url` is about: the entity whose page it is, else the subject its address words
   * match best. The statements are all of that subject's, those matching `goal` (or the address) first.
   */
  findPage(url: string, goal?: string): WorldHitGroup | undefined {
    const owner = this.entityForUrl(url);
    const key = owner === undefined ? this.findGroups(urlWords(url))[0]?.key : `entity:${owner.id}`;
    if (key === undefined) return undefined;
    const focus = [goal ?? '', owner === undefined ? urlWords(url) : ''].join(' ');
    const first = this.find(focus, { groupKey: key, minRelativeScore: 0 }).map((hit) => hit.statement);
    const seen = new Set(first.map((statement) => statement.id));
    const rest = this.statementsOf(key).filter((statement) => !seen.has(statement.id));
    return { key, subject: this.subjectOf(key), score: 0, statements: [...first, ...rest] };
  }

  private documentOf(statement: WorldStatement): IndexedDocument {
    const entity = statement.entityId === undefined ? undefined : this.entities.get(statement.entityId);
    if (entity !== undefined) {
      return {
        id: statement.id,
        text: statement.searchText ?? statement.text,
        name: entity.name,
        aliases: entity.aliases.join(' '),
        type: entity.type,
      };
    }
    const name = statement.kind === 'row' ? (this.world.table?.name ?? '') : (this.world.name ?? '');
    return { id: statement.id, text: statement.text, name, aliases: '', type: '' };
  }
}

const cache = new WeakMap<FictionalWorld, WorldIndex>();

/** The index of a world, built on first use and kept as long as the world object lives. */
export function indexWorld(world: FictionalWorld): WorldIndex {
  let index = cache.get(world);
  if (index === undefined) {
    index = new WorldIndex(world);
    cache.set(world, index);
  }
  return index;
}

/**
 * The index of a spec's world; undefined when the spec has none. A `world.file` that was never inlined (the
 * spec did not come through `readSpecFile`) is INVALID_SPEC: simulating without the world's facts would
 * silently give a different world.
 */
export function worldIndexFor(spec: WorldSpec): WorldIndex | undefined {
  const world = spec.world;
  if (world === undefined) return undefined;
  if (world.file !== undefined) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid WorldSpec at $.world.file: the world file "${world.file}" was not loaded. Read the spec with readSpecFile (which resolves the path relative to the spec file), or inline the file's content in \`world\`.`,
      { details: { path: '$.world.file' } },
    );
  }
  return indexWorld(world);
}
