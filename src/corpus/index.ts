export {
  type ReadRealCorpusOptions,
  type RealCorpusManifest,
  RealCorpusManifestSchema,
  type RealCorpusPart,
  RealCorpusPartSchema,
  readRealCorpus,
  readRealCorpusManifest,
  realCorpusDirectory,
} from './real-corpus.js';
