/** Twins: deterministic stand-ins that answer exactly what they can (see twin.ts). */
export type { Twin, TwinAnswer, TwinState } from './twin.js';
