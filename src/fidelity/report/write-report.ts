/** `agentworld bench report FILE… --out report.html`: read the files, compute the numbers, write one page. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AgentWorldError } from '../../core/errors.js';
import { summarizeTuring } from '../turing/summarize.js';
import { aggregate, type ReportNumbers } from './aggregate.js';
import { readReportInputs } from './read-inputs.js';
import { renderReportPage } from './render-page.js';

export interface ReportOptions {
  readonly files: readonly string[];
  readonly out: string;
  readonly title?: string | undefined;
  /** Worst rows shown (default 10). */
  readonly worst?: number | undefined;
  /** Wall clock for the page's footer (default the system clock). */
  readonly clock?: (() => Date) | undefined;
}

export interface ReportResult {
  readonly out: string;
  readonly numbers: ReportNumbers;
  readonly bytes: number;
  readonly warnings: string[];
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  if (options.files.length === 0) {
    throw new AgentWorldError('INVALID_REQUEST', 'Name at least one infer, judged or turing file.');
  }
  const inputs = await readReportInputs(options.files);
  if (inputs.lines.length === 0 && inputs.turing.length === 0) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `No infer, judged or turing line in ${options.files.join(', ')}${inputs.warnings.length > 0 ? ` (${inputs.warnings[0]})` : ''}.`,
    );
  }
  const numbers = aggregate(inputs.lines, {
    worst: options.worst,
    sources: inputs.sources,
    manifests: inputs.manifests,
    skipped: inputs.skipped,
    duplicates: inputs.duplicates,
  });
  const turingManifest = inputs.turingManifests[0];
  const html = renderReportPage({
    title: options.title,
    sources: inputs.sources,
    numbers,
    manifests: inputs.manifests,
    turingManifests: inputs.turingManifests,
    turing:
      inputs.turing.length === 0
        ? undefined
        : summarizeTuring(inputs.turing, {
            judge: turingManifest?.judge.name,
            model: turingManifest?.model,
          }),
    warnings: inputs.warnings,
    skipped: inputs.skipped,
    generatedAt: (options.clock ?? (() => new Date()))().toISOString(),
    agentworldVersion: packageVersion(),
  });
  await mkdir(dirname(options.out), { recursive: true });
  const temporary = join(
    dirname(options.out),
    `.${basename(options.out)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, html, 'utf8');
    await rename(temporary, options.out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new AgentWorldError('STORE_ERROR', `Could not write ${options.out}: ${String(error)}`, {
      cause: error,
    });
  }
  return { out: options.out, numbers, bytes: Buffer.byteLength(html), warnings: inputs.warnings };
}
