import type { SeededRandom } from '../terminal/random.js';
import type { MemoryEntity, MemoryGraph } from './memory-graph.js';
import type { MemoryVocabulary } from './memory-vocabulary.js';

/** The arguments of one entity in a `create_entities` call. */
export interface NewEntity {
  readonly name: string;
  readonly entityType: string;
  readonly observations: string[];
}

/** A name no entity of the graph has, and none given in `taken` (which it joins). */
export function freshName(words: MemoryVocabulary, graph: MemoryGraph, taken: Set<string>): string {
  for (let attempt = 0; ; attempt += 1) {
    const name = words.entityName(words.entityKind());
    const suffixed = attempt < 5 ? name : `${name} ${attempt}`;
    if (!taken.has(suffixed) && !graph.entities.some((entity) => entity.name === suffixed)) {
      taken.add(suffixed);
      return suffixed;
    }
  }
}

/** A name the graph lacks: what an agent names by mistake. */
export function missingName(words: MemoryVocabulary, graph: MemoryGraph): string {
  return freshName(words, graph, new Set());
}

/**
 * A new entity with zero to `mostObservations` (default two) observations, its name neither in the graph nor in
 * `taken` (which it joins).
 */
export function newEntity(
  words: MemoryVocabulary,
  graph: MemoryGraph,
  taken: Set<string>,
  mostObservations = 2,
): NewEntity {
  const kind = words.entityKind();
  let name = words.entityName(kind);
  if (taken.has(name) || graph.entities.some((entity) => entity.name === name)) {
    name = freshName(words, graph, taken);
  }
  taken.add(name);
  const count = words.integer(0, mostObservations);
  const observations = Array.from({ length: count }, () => words.observation());
  return { name, entityType: words.entityType(kind), observations: [...new Set(observations)] };
}

/** One to `most` distinct entities of a non-empty graph. */
export function someEntities(random: SeededRandom, graph: MemoryGraph, most: number): MemoryEntity[] {
  return random.sample(graph.entities, random.int(1, Math.min(most, graph.entities.length)));
}

/** A query that matches something in the graph: part of a name, a type, or a word of an observation. */
export function matchingQuery(random: SeededRandom, graph: MemoryGraph): string {
  const entity = random.pick(graph.entities);
  const observationWords = entity.observations.flatMap((text) => text.split(' ')).filter((w) => w.length > 2);
  const roll = random.next();
  if (roll < 0.4 || observationWords.length === 0) {
    const parts = entity.name.split(/[ _-]/).filter((part) => part.length > 0);
    const part = random.pick(parts.length > 0 ? parts : [entity.name]);
    return random.chance(0.3) ? part.toLowerCase() : part;
  }
  if (roll < 0.6) return entity.entityType;
  return random.pick(observationWords);
}
