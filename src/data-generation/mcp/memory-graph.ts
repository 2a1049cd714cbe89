import { readFileSync } from 'node:fs';

export interface MemoryEntity {
  readonly name: string;
  readonly entityType: string;
  readonly observations: readonly string[];
}

export interface MemoryRelation {
  readonly from: string;
  readonly to: string;
  readonly relationType: string;
}

/** The knowledge graph a server-memory process keeps, as its file holds it. */
export interface MemoryGraph {
  readonly entities: readonly MemoryEntity[];
  readonly relations: readonly MemoryRelation[];
}

export const EMPTY_GRAPH: MemoryGraph = { entities: [], relations: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the server's graph file (one JSON object per line, `type` entity or relation). A missing file is the
 * empty graph (the server writes it on its first change); lines of another shape are skipped.
 */
export function readMemoryGraph(file: string): MemoryGraph {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_GRAPH;
    throw error;
  }
  const entities: MemoryEntity[] = [];
  const relations: MemoryRelation[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const item: unknown = JSON.parse(line);
    if (!isRecord(item)) continue;
    if (item.type === 'entity' && typeof item.name === 'string') {
      entities.push({
        name: item.name,
        entityType: typeof item.entityType === 'string' ? item.entityType : '',
        observations: Array.isArray(item.observations)
          ? item.observations.filter((entry): entry is string => typeof entry === 'string')
          : [],
      });
    } else if (item.type === 'relation' && typeof item.from === 'string' && typeof item.to === 'string') {
      relations.push({
        from: item.from,
        to: item.to,
        relationType: typeof item.relationType === 'string' ? item.relationType : '',
      });
    }
  }
  return { entities, relations };
}
