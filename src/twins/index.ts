/** Twins: deterministic stand-ins that answer exactly what they can (see twin.ts). */

export { createTerminalTwin, TerminalTwin, type TerminalTwinOptions } from './terminal/index.js';
export type { Twin, TwinAnswer, TwinState } from './twin.js';
