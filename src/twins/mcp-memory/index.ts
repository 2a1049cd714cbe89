export { MEMORY_TOOLS, type MemoryCallResult, memoryCallResult } from './memory-results.js';
export {
  createMemoryServerTwin,
  MEMORY_SERVER_NAME,
  MEMORY_SERVER_VERSION,
  MemoryServerTwin,
  type MemoryServerTwinOptions,
  specRefusal as memoryTwinSpecRefusal,
} from './memory-twin.js';
