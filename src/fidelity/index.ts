/** Fidelity, measured: AgentWorldBench rows answered by any engine, judged, scored, and judge-free metrics. */
export * from './schemas.js';
export * from './score/index.js';
export * from './run/index.js';
export * from './rows/index.js';
export * from './infer/index.js';
