export type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from './policy.js';
