/**
 * The document collection the real search engine answers from: JSONL (plain or gzip), one
 * `{"url","title","text"}` object a line (`date` optional), `text` in Markdown. The shipped corpus is built from
 * this machine's Debian documentation by `npm run corpus:search`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { AgentWorldError } from '../../../core/errors.js';
import { looksLikeUrl, urlKey } from '../../../domains/search/url-key.js';

/** One line of a corpus file. */
export const CorpusDocumentSchema = z.strictObject({
  /** Where the page lives; `web_extractor` opens it by this URL (scheme, `www.`, case of host ignored). */
  url: z.string().min(1).refine(looksLikeUrl, 'expected a URL such as https://example.org/page'),
  /** The page title shown in search results; one line. */
  title: z.string().trim().min(1),
  /** The page as Markdown: searched, cut into snippets, and returned by `web_extractor`. */
  text: z.string(),
  /** The publication date shown in results (`Jun 18, 2024`); `N/A` when absent. */
  date: z.string().trim().min(1).optional(),
});
export type CorpusDocument = z.infer<typeof CorpusDocumentSchema>;

/** The shipped corpus: Debian HTML manuals, man pages and license texts of the build machine. */
export const DEFAULT_SEARCH_CORPUS = fileURLToPath(
  new URL('../../../../data/search-corpus/debian-docs.jsonl.gz', import.meta.url),
);

export interface SearchCorpus {
  readonly path: string;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  readonly documents: readonly CorpusDocument[];
  /** Document positions by `urlKey` of their URL. */
  readonly byUrlKey: ReadonlyMap<string, number>;
}

/** The bytes of a corpus file; a missing file is INVALID_REQUEST naming the path. */
export function readCorpusBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new AgentWorldError('INVALID_REQUEST', `Search corpus ${path} cannot be read: ${reasonOf(error)}`, {
      details: { path },
      cause: error,
    });
  }
}

/**
 * Parses a corpus file's bytes (gzip is recognised by its magic bytes). A damaged line is INVALID_REQUEST
 * naming `file:line` and what is wrong; blank lines are skipped; a URL given twice is an error too.
 */
export function parseSearchCorpus(path: string, bytes: Buffer): SearchCorpus {
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  let text: string;
  try {
    text = (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `Search corpus ${path} is not valid gzip: ${reasonOf(error)}`,
      {
        details: { path },
        cause: error,
      },
    );
  }
  const documents: CorpusDocument[] = [];
  const byUrlKey = new Map<string, number>();
  const lineOf = new Map<string, number>();
  const lines = text.split('\n');
  for (const [position, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const lineNumber = position + 1;
    const document = parseLine(path, lineNumber, line);
    const key = urlKey(document.url);
    const first = lineOf.get(key);
    if (first !== undefined) {
      throw damaged(path, lineNumber, `url ${document.url} was already given on line ${first}`);
    }
    lineOf.set(key, lineNumber);
    byUrlKey.set(key, documents.length);
    documents.push({ ...document, title: document.title.replace(/\s+/g, ' ') });
  }
  if (documents.length === 0) {
    throw new AgentWorldError('INVALID_REQUEST', `Search corpus ${path} holds no documents`, {
      details: { path },
    });
  }
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), documents, byUrlKey };
}

function parseLine(path: string, lineNumber: number, line: string): CorpusDocument {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw damaged(path, lineNumber, `not valid JSON (${reasonOf(error)})`);
  }
  const parsed = CorpusDocumentSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '$' : `$.${issue.path.join('.')}`;
  throw damaged(path, lineNumber, `${where}: ${issue?.message ?? 'not a corpus document'}`);
}

function damaged(path: string, lineNumber: number, problem: string): AgentWorldError {
  return new AgentWorldError('INVALID_REQUEST', `Search corpus ${path}:${lineNumber}: ${problem}`, {
    details: { path, line: lineNumber },
  });
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
