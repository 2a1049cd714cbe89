import MiniSearch, { type Query } from 'minisearch';
import { sha256 } from '../../core/hash.js';
import type { SessionRecord } from '../../core/turn.js';
import { type RecordedTransition, type TransitionQuery, transitionsOfSession } from './transition.js';

/** A recorded transition a query matched, with its relevance score (BM25, summed over the fields). */
export interface TransitionMatch {
  readonly transition: RecordedTransition;
  readonly score: number;
}

export interface NearestOptions {
  /** Most matches returned. */
  readonly k: number;
  /** Transitions of this session are never returned (no leakage when a session is measured against the index). */
  readonly excludeSessionId?: string | undefined;
}

interface IndexedTransition {
  readonly id: string;
  readonly action: string;
  readonly tools: string;
  readonly state: string;
  readonly world: string;
  readonly sessionId: string;
}

/** How much each part of a query counts: the tools a step uses most, then its words, then the state around it. */
const TOOLS_BOOST = 3;
const ACTION_BOOST = 2;
const STATE_BOOST = 0.5;

function worldKey(domain: string, dialect: string): string {
  return `${domain}/${dialect}`;
}

/**
 * The k-nearest recorded transitions of a domain and dialect for a new step: a MiniSearch full-text index (BM25)
 * over each transition's action text, the tools it uses and the ledger summary before it. A query matches the
 * action text against actions and tools, and its state against states; only transitions of the query's domain
 * and dialect, and never those of an excluded session, are returned. Ties go to the lower id, so the same
 * index and query always give the same demonstrations.
 */
export class TransitionIndex {
  readonly transitions: readonly RecordedTransition[];
  private readonly byId: ReadonlyMap<string, RecordedTransition>;
  private readonly miniSearch: MiniSearch<IndexedTransition>;
  private fingerprintValue: string | undefined;

  constructor(transitions: readonly RecordedTransition[]) {
    this.transitions = transitions;
    this.byId = new Map(transitions.map((transition) => [transition.id, transition]));
    this.miniSearch = new MiniSearch<IndexedTransition>({
      fields: ['action', 'tools', 'state'],
      storeFields: ['world', 'sessionId'],
    });
    this.miniSearch.addAll(
      transitions.map((transition) => ({
        id: transition.id,
        action: transition.actionText,
        tools: transition.tools.join(' '),
        state: transition.stateText,
        world: worldKey(transition.domain, transition.dialect),
        sessionId: transition.sessionId,
      })),
    );
  }

  /** An index over every turn of the sessions (ids must be unique across them). */
  static fromSessions(sessions: readonly SessionRecord[]): TransitionIndex {
    return new TransitionIndex(sessions.flatMap((session) => transitionsOfSession(session)));
  }

  get size(): number {
    return this.transitions.length;
  }

  /** A short hash of the indexed transitions' ids and observations: part of an engine's identity (cache keys). */
  get fingerprint(): string {
    this.fingerprintValue ??= sha256(
      this.transitions.map((transition) => `${transition.id}\n${sha256(transition.observation)}`).join('\n'),
    ).slice(0, 16);
    return this.fingerprintValue;
  }

  /** Recorded transitions per `domain/dialect`. */
  worlds(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const transition of this.transitions) {
      const key = worldKey(transition.domain, transition.dialect);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** The k recorded transitions most similar to the query, best first (fewer when fewer match at all). */
  nearest(query: TransitionQuery, options: NearestOptions): TransitionMatch[] {
    if (options.k <= 0) return [];
    const world = worldKey(query.domain, query.dialect);
    const parts: Query[] = [];
    const actionWords = [query.actionText, query.tools.join(' ')].join(' ').trim();
    if (actionWords !== '') {
      parts.push({
        queries: [actionWords],
        fields: ['action', 'tools'],
        boost: { tools: TOOLS_BOOST, action: ACTION_BOOST },
      });
    }
    if (query.stateText.trim() !== '') {
      parts.push({ queries: [query.stateText], fields: ['state'], boost: { state: STATE_BOOST } });
    }
    if (parts.length === 0) return [];
    const results = this.miniSearch.search(
      { combineWith: 'OR', queries: parts },
      {
        filter: (result) =>
          result.world === world &&
          (options.excludeSessionId === undefined || result.sessionId !== options.excludeSessionId),
      },
    );
    results.sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id)));
    const matches: TransitionMatch[] = [];
    for (const result of results.slice(0, options.k)) {
      const transition = this.byId.get(String(result.id));
      if (transition !== undefined) matches.push({ transition, score: result.score });
    }
    return matches;
  }
}
