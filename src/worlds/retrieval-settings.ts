import type { FictionalWorld } from '../core/world-spec.js';

/** Retrieval settings with their defaults filled (see WorldRetrievalSchema for what each means). */
export interface RetrievalSettings {
  readonly promptFactLimit: number;
  readonly resultsPerQuery: number;
  readonly factsPerResult: number;
  readonly factsPerPage: number;
  readonly factsPerTurn: number;
}

export const DEFAULT_RETRIEVAL_SETTINGS: RetrievalSettings = {
  promptFactLimit: 30,
  resultsPerQuery: 3,
  factsPerResult: 3,
  factsPerPage: 8,
  factsPerTurn: 6,
};

export function retrievalSettingsOf(world: FictionalWorld): RetrievalSettings {
  const given = world.retrieval ?? {};
  return {
    promptFactLimit: given.promptFactLimit ?? DEFAULT_RETRIEVAL_SETTINGS.promptFactLimit,
    resultsPerQuery: given.resultsPerQuery ?? DEFAULT_RETRIEVAL_SETTINGS.resultsPerQuery,
    factsPerResult: given.factsPerResult ?? DEFAULT_RETRIEVAL_SETTINGS.factsPerResult,
    factsPerPage: given.factsPerPage ?? DEFAULT_RETRIEVAL_SETTINGS.factsPerPage,
    factsPerTurn: given.factsPerTurn ?? DEFAULT_RETRIEVAL_SETTINGS.factsPerTurn,
  };
}
