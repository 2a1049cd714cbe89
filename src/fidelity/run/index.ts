export {
  type ManifestKind,
  type ManifestStore,
  manifestDifferences,
  manifestPath,
  manifestStore,
  pinManifest,
  readManifest,
  rowsHash,
  writeManifest,
} from './manifest.js';
export { ResultLog, type ResultLogContents, type ResultLogFormat, readResultLog } from './result-log.js';
