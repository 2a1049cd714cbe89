/**
 * Records the real corpus: `npm run corpus:real [-- --only terminal,swe]`. Scripted agents play
 * seeded tasks against the real engines (src/engines/real/) through the real Session, and each part is written
 * to corpus/real/<part>.jsonl.gz with corpus/real/manifest.json (counts, families, tool versions and every domain
 * check that failed on a real observation); it exits non-zero when any check failed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_PARTS, type CorpusPart, type PartResult } from './parts.js';
import { writeCorpusPart } from './write-corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDirectory = join(root, 'corpus', 'real');
const manifestPath = join(corpusDirectory, 'manifest.json');

interface ManifestPart extends Omit<PartResult, 'records'> {
  readonly file: string;
  readonly bytes: number;
}

function readManifest(): Record<string, ManifestPart> {
  try {
    const parsed = JSON.parse(readFileSync(manifestPath, 'utf8')) as { parts?: Record<string, ManifestPart> };
    return parsed.parts ?? {};
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !CORPUS_PARTS.some((part) => part.name === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `unknown part ${unknown.join(', ')}; parts: ${CORPUS_PARTS.map((part) => part.name).join(', ')}`,
    );
  }
  const parts: CorpusPart[] = CORPUS_PARTS.filter((part) => only === undefined || only.includes(part.name));
  const manifest = readManifest();
  let failed = 0;
  for (const part of parts) {
    const started = performance.now();
    process.stdout.write(`${part.name}: recording…\n`);
    const result = await part.record((line) => process.stdout.write(`  ${line}\n`));
    const file = `${part.name}.jsonl.gz`;
    const bytes = writeCorpusPart(join(corpusDirectory, file), result.records);
    const { records, ...summary } = result;
    manifest[part.name] = { file, bytes, ...summary };
    failed += summary.failedChecks.length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${part.name}: ${records.length} sessions, ${summary.turns} turns, ${summary.failedChecks.length} failed checks, ${(bytes / 1024).toFixed(0)} KiB, ${seconds} s\n`,
    );
    for (const failure of summary.failedChecks) process.stdout.write(`  failed check: ${failure}\n`);
    writeManifest(manifest);
  }
  const totals = writeManifest(manifest);
  process.stdout.write(`corpus: ${totals.sessions} sessions, ${totals.turns} turns in ${corpusDirectory}\n`);
  if (failed > 0) process.exitCode = 1;
}

/** Writes the manifest (after every part, so an interrupted run keeps the parts it finished). */
function writeManifest(manifest: Record<string, ManifestPart>): { sessions: number; turns: number } {
  const ordered = Object.fromEntries(
    Object.entries(manifest).sort(([left], [right]) => left.localeCompare(right)),
  );
  const totals = Object.values(ordered).reduce(
    (sum, part) => ({ sessions: sum.sessions + part.sessions, turns: sum.turns + part.turns }),
    { sessions: 0, turns: 0 },
  );
  writeFileSync(
    manifestPath,
    `${JSON.stringify({ format: 'agentworld.real-corpus', version: 1, generator: 'scripts/record-corpus/main.ts', ...totals, parts: ordered }, null, 2)}\n`,
  );
  return totals;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
