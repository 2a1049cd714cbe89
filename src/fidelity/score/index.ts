/** `agentworld bench score`: the reference's normalisation and aggregation, both Overalls, CIs, judge-free columns. */
export * from './schema.js';
