/**
 * `real-search`: the search domain answered by a real full-text engine over a document corpus (by default the
 * shipped Debian documentation corpus). `web_search` ranks documents with BM25+ (MiniSearch) and shows the top
 * results with snippets cut from the text around the matched words; `web_extractor` returns a document as
 * Markdown, or the domain's HTTP 404 text for a URL the corpus lacks; `dict_memory` keeps each session's notes
 * exactly as the domain's ledger does. Every answer is in the search domain's observation format.
 */
import { createHash } from 'node:crypto';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import {
  applySearchTurn,
  createSearchLedger,
  DICT_MEMORY,
  dictMemoryCallOf,
  extractorUrlsOf,
  readSearchInitialData,
  type SearchAction,
  type SearchLedger,
  searchQueriesOf,
  searchToolsOf,
  WEB_EXTRACTOR,
  WEB_SEARCH,
} from '../../../domains/search/index.js';
import { urlKey } from '../../../domains/search/url-key.js';
import { DEFAULT_SEARCH_CORPUS, parseSearchCorpus, readCorpusBytes } from './corpus.js';
import { memoryAnswer } from './memory-observation.js';
import { pageNotFound, renderPage } from './page-observation.js';
import { CorpusSearchIndex } from './search-index.js';
import { renderSearchResults, searchRawResult } from './search-observation.js';

export interface RealSearchEngineOptions {
  /** A corpus file (JSONL or gzipped JSONL of `CorpusDocumentSchema` lines); default the shipped corpus. */
  readonly corpusPath?: string;
  /** The most characters `web_extractor` returns for one page (default 30,000). */
  readonly maxPageCharacters?: number;
  /** Most sessions whose memory is kept; the least recently used one is dropped (default 64). */
  readonly maxSessions?: number;
}

const SUPPORTED_TOOLS = new Set([WEB_SEARCH, WEB_EXTRACTOR, DICT_MEMORY]);

/**
 * Indexes already built, by the sha256 of their corpus file: engines over the same corpus share one (it is
 * never changed after it is built), for as long as one of them holds it.
 */
const builtIndexes = new Map<string, WeakRef<CorpusSearchIndex>>();

interface SessionState {
  ledger: SearchLedger;
  /** The actions the ledger holds, as JSON. */
  readonly actions: string[];
}

export class RealSearchEngine implements Engine {
  readonly id = 'real-search';
  readonly kind = 'real' as const;
  readonly model = undefined;
  readonly corpusPath: string;
  private readonly bytes: Buffer;
  private readonly sha256: string;
  private readonly maxPageCharacters: number;
  private readonly maxSessions: number;
  private searchIndex: CorpusSearchIndex | undefined;
  private readonly sessions = new Map<string, SessionState>();

  /** Reads the corpus file at once (a missing file fails here); it is parsed and indexed at first use. */
  constructor(options: RealSearchEngineOptions = {}) {
    this.corpusPath = options.corpusPath ?? DEFAULT_SEARCH_CORPUS;
    this.bytes = readCorpusBytes(this.corpusPath);
    this.sha256 = createHash('sha256').update(this.bytes).digest('hex');
    this.maxPageCharacters = options.maxPageCharacters ?? 30_000;
    this.maxSessions = options.maxSessions ?? 64;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id, corpus: this.sha256, maxPageCharacters: this.maxPageCharacters };
  }

  /** The corpus index, built on first use (a damaged corpus fails here, naming file:line). */
  index(): CorpusSearchIndex {
    if (this.searchIndex === undefined) {
      const shared = builtIndexes.get(this.sha256)?.deref();
      this.searchIndex = shared ?? new CorpusSearchIndex(parseSearchCorpus(this.corpusPath, this.bytes));
      if (shared === undefined) builtIndexes.set(this.sha256, new WeakRef(this.searchIndex));
    }
    return this.searchIndex;
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const unsupported = searchToolsOf(spec)
      .map((tool) => tool.name)
      .filter((name) => !SUPPORTED_TOOLS.has(name));
    if (unsupported.length > 0) {
      throw new AgentWorldError(
        'UNSUPPORTED',
        `The real search engine runs only ${[...SUPPORTED_TOOLS].join(', ')}; this world also has ${unsupported.join(', ')}`,
        { details: { unsupported } },
      );
    }
    this.index();
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const action = request.action as SearchAction;
    const state = this.sessionFor(request);
    const { observation, rawResult } = this.answer(action, request.spec, state.ledger);
    throwIfAborted(options.signal);
    state.ledger = applySearchTurn(state.ledger, action, observation, request.spec);
    state.actions.push(JSON.stringify(action));
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
      ...(rawResult === undefined ? {} : { rawResult }),
    };
  }

  private answer(
    action: SearchAction,
    spec: WorldSpec,
    ledger: SearchLedger,
  ): { observation: string; rawResult?: Record<string, unknown> } {
    if (action.name === WEB_SEARCH) {
      const index = this.index();
      const perQuery = readSearchInitialData(spec).resultsPerQuery;
      const results = searchQueriesOf(action).map((query) => ({
        query,
        hits: index.search(query, perQuery),
      }));
      if (results.length === 0) return { observation: 'Error: web_search needs a query.' };
      return { observation: renderSearchResults(index, results), rawResult: searchRawResult(index, results) };
    }
    if (action.name === WEB_EXTRACTOR) {
      const index = this.index();
      const goal = typeof action.arguments.goal === 'string' ? action.arguments.goal : undefined;
      const pages = extractorUrlsOf(action).map((url) => {
        const position = index.corpus.byUrlKey.get(urlKey(url));
        const document = position === undefined ? undefined : index.corpus.documents[position];
        return document === undefined
          ? pageNotFound(url)
          : renderPage(document, this.maxPageCharacters, goal);
      });
      return {
        observation: pages.length === 0 ? 'Error: web_extractor needs a url.' : pages.join('\n\n---\n\n'),
      };
    }
    const call = dictMemoryCallOf(action);
    if (call !== undefined) return { observation: memoryAnswer(call, ledger.memory) };
    if (action.name === DICT_MEMORY) return { observation: 'Error: unknown dict_memory operation.' };
    throw new AgentWorldError('UNSUPPORTED', `The real search engine cannot run the tool ${action.name}`, {
      details: { tool: action.name },
    });
  }

  /** The session's ledger before this turn; rebuilt from the history when this engine did not run it. */
  private sessionFor(request: PredictRequest): SessionState {
    const history = request.history.map((turn) => JSON.stringify(turn.action));
    const existing = this.sessions.get(request.sessionId);
    this.sessions.delete(request.sessionId);
    if (existing !== undefined && sameActions(existing.actions, history)) {
      this.sessions.set(request.sessionId, existing);
      return existing;
    }
    let ledger = createSearchLedger(request.spec);
    for (const turn of request.history) {
      ledger = applySearchTurn(ledger, turn.action as SearchAction, turn.observation, request.spec);
    }
    const state: SessionState = { ledger, actions: history };
    this.sessions.set(request.sessionId, state);
    while (this.sessions.size > this.maxSessions) {
      const [oldest] = this.sessions.keys();
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return state;
  }

  async releaseSession(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId);
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }

  /** Sessions whose memory is kept. */
  get openSessions(): number {
    return this.sessions.size;
  }
}

/** Makes the real search engine (the factory `createRealEngine` can call for the search domain). */
export function createRealSearchEngine(options: RealSearchEngineOptions = {}): RealSearchEngine {
  return new RealSearchEngine(options);
}

function sameActions(ran: readonly string[], history: readonly string[]): boolean {
  return ran.length === history.length && ran.every((action, index) => action === history[index]);
}
