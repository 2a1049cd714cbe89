export { benchRowMessages } from '../../export/bench.js';
export {
  dataFiles,
  type LoadedRows,
  loadRows,
  normaliseTask,
  parseBenchRow,
  type RejectedRow,
  type SourcedRow,
} from './read-rows.js';
export { parseShard, type SelectOptions, type Shard, selectRows, shardOf } from './select.js';
