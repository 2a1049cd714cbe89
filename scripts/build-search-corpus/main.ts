/**
 * Builds the search engine's shipped corpus from documents this Debian machine has: the HTML manuals under
 * /usr/share/doc (as Markdown, by turndown), man pages of some sections (rendered by man-db, as Markdown) and
 * the license texts of /usr/share/common-licenses. Writes `<out>/debian-docs.jsonl.gz` (one `{url,title,text}`
 * per line, sorted by URL) and `<out>/manifest.json` (the packages and paths it came from). Nothing in the
 * output depends on time or locale, so a second run on the same machine writes the same bytes.
 *
 *   npm run corpus:search -- [--out data/search-corpus] [--man-sections 5,7,8] [--max-characters 30000]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type BuiltDocument, byCodePoint, CORPUS_HOST } from './corpus-document.js';
import { htmlDocuments } from './html-documents.js';
import { licenseDocuments } from './license-documents.js';
import { manDocuments } from './man-documents.js';
import { readPackageOwners, readPackageVersions } from './packages.js';

const DOC_ROOT = '/usr/share/doc';
const MAN_ROOT = '/usr/share/man';
const LICENSE_ROOT = '/usr/share/common-licenses';
const CORPUS_FILE = 'debian-docs.jsonl.gz';

/** A page over the limit keeps its first paragraphs and says where it was cut. */
export function capText(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  const cut = text.lastIndexOf('\n\n', maxCharacters);
  const kept = text.slice(0, cut > maxCharacters / 2 ? cut : maxCharacters).trimEnd();
  return `${kept}\n\n[The rest of this page (${text.length - kept.length} characters) is not in the corpus.]\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'data/search-corpus' },
      'man-sections': { type: 'string', default: '5,7,8' },
      'max-characters': { type: 'string', default: '30000' },
    },
  });
  const sections = (values['man-sections'] ?? '').split(',').filter((section) => section !== '');
  const maxCharacters = Number(values['max-characters']);
  const owners = readPackageOwners();
  const versions = readPackageVersions();

  const started = Date.now();
  const collected: BuiltDocument[] = [
    ...htmlDocuments(DOC_ROOT, owners),
    ...(await manDocuments(MAN_ROOT, sections, owners)),
    ...licenseDocuments(LICENSE_ROOT, owners),
  ];
  const byUrl = new Map<string, BuiltDocument>();
  for (const document of collected) if (!byUrl.has(document.url)) byUrl.set(document.url, document);
  const documents = [...byUrl.values()].sort((a, b) => byCodePoint(a.url, b.url));

  const lines = documents.map(
    (document) =>
      `${JSON.stringify({ url: document.url, title: document.title, text: capText(document.text, maxCharacters) })}\n`,
  );
  const jsonl = Buffer.from(lines.join(''), 'utf8');
  const gzipped = gzipSync(jsonl, { level: 9 });
  const out = values.out ?? 'data/search-corpus';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, CORPUS_FILE), gzipped);

  const packages = new Map<string, number>();
  for (const document of documents) packages.set(document.package, (packages.get(document.package) ?? 0) + 1);
  const manifest = {
    corpus: CORPUS_FILE,
    format: 'JSONL (gzip), one {"url","title","text"} object a line, text in Markdown, sorted by url',
    host: CORPUS_HOST,
    builtBy: 'npm run corpus:search (scripts/build-search-corpus)',
    sources: {
      html: `${DOC_ROOT}/**/*.html (Markdown by turndown; nodejs/api/all.html left out)`,
      man: sections.map((section) => `${MAN_ROOT}/man${section}/* (rendered by man-db)`),
      licenses: `${LICENSE_ROOT}/*`,
    },
    maxCharactersPerDocument: maxCharacters,
    documents: documents.length,
    uncompressedBytes: jsonl.length,
    compressedBytes: gzipped.length,
    sha256: createHash('sha256').update(gzipped).digest('hex'),
    packages: [...packages]
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([name, count]) => ({ name, version: versions.get(name) ?? 'unknown', documents: count })),
    paths: documents.map((document) => document.source),
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(
    `${documents.length} documents, ${jsonl.length} bytes (${gzipped.length} gzipped) in ${Date.now() - started} ms → ${join(out, CORPUS_FILE)}\n`,
  );
}

await main();
