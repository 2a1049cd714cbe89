export {
  manifestDifferences,
  manifestPath,
  pinManifest,
  readManifest,
  rowsHash,
  writeManifest,
} from './manifest.js';
export { ResultLog, type ResultLogContents, type ResultLogFormat, readResultLog } from './result-log.js';
