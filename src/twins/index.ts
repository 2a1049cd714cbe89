/** Twins: deterministic stand-ins that answer exactly what they can (see twin.ts). */

export {
  createMemoryServerTwin,
  MemoryServerTwin,
  type MemoryServerTwinOptions,
  memoryCallResult,
} from './mcp-memory/index.js';
export { createTerminalTwin, TerminalTwin, type TerminalTwinOptions } from './terminal/index.js';
export type { Twin, TwinAnswer, TwinState } from './twin.js';
