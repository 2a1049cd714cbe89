export {
  type CorpusDocument,
  CorpusDocumentSchema,
  DEFAULT_SEARCH_CORPUS,
  parseSearchCorpus,
  readCorpusBytes,
  type SearchCorpus,
} from './corpus.js';
export {
  createRealSearchEngine,
  RealSearchEngine,
  type RealSearchEngineOptions,
} from './real-search-engine.js';
export { CorpusSearchIndex, type SearchHit } from './search-index.js';
