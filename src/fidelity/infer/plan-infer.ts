/**
 * What an infer run answers and pins, shared by the in-process run (`runInfer`) and the queued one: the rows
 * loaded and selected (--domains/--limit/--shard), each row's messages and estimated prompt tokens, the rows per
 * domain, and the manifest `out` is pinned to.
 */
import type { CallOptions } from '../../core/abort.js';
import { benchRowMessages } from '../../export/bench.js';
import { loadRows, type RejectedRow, type SelectOptions, selectRows } from '../rows/index.js';
import { rowsHash } from '../run/manifest.js';
import { type BenchRow, MANIFEST_FORMAT, type RunManifest } from '../schemas.js';
import type { RowAnswerer } from './answerer.js';
import { estimatePromptTokens } from './context-guard.js';

/** One planned row: its key, the row, the messages eval.py builds and their estimated prompt tokens. */
export interface PlannedInferRow {
  readonly key: string;
  readonly row: BenchRow;
  readonly messages: ReturnType<typeof benchRowMessages>;
  readonly promptTokens: number;
}

/** Plans a row: the messages eval.py builds for it and their estimated prompt tokens. */
export function planInferRow(key: string, row: BenchRow): PlannedInferRow {
  const messages = benchRowMessages(row);
  return { key, row, messages, promptTokens: estimatePromptTokens(messages) };
}

export interface InferPlanOptions extends CallOptions {
  /** `--data` arguments: directories of `*_test.jsonl` or files. */
  readonly data: readonly string[];
  readonly select: SelectOptions;
  /** The answerer's manifest entry. */
  readonly model: RowAnswerer['manifest'];
  readonly agentworldVersion: string;
  readonly log: (line: string) => void;
}

export interface InferPlan {
  /** The selected rows, planned, in row order. */
  readonly rows: readonly PlannedInferRow[];
  readonly manifest: RunManifest;
  /** Rows selected by --domains/--limit/--shard. */
  readonly selected: number;
  readonly perDomain: Record<string, number>;
  /** Lines of the data that could not be used (reported and skipped). */
  readonly skipped: number;
  readonly rejected: readonly RejectedRow[];
}

export async function planInferRun(options: InferPlanOptions): Promise<InferPlan> {
  const loaded = await loadRows(options.data, options);
  for (const rejected of loaded.rejected) options.log(`skipped ${rejected.origin}: ${rejected.reason}`);
  const selected = selectRows(loaded.rows, options.select);
  const perDomain: Record<string, number> = {};
  for (const entry of selected) perDomain[entry.row.task] = (perDomain[entry.row.task] ?? 0) + 1;
  const manifest: RunManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    stage: 'infer',
    agentworldVersion: options.agentworldVersion,
    createdAt: new Date().toISOString(),
    data: { sources: [...options.data], rowsHash: rowsHash(loaded.rows.map((entry) => entry.row)) },
    model: { ...options.model },
  };
  return {
    rows: selected.map((entry) => ({ ...entry, ...planInferRow(entry.key, entry.row) })),
    manifest,
    selected: selected.length,
    perDomain,
    skipped: loaded.rejected.length,
    rejected: loaded.rejected,
  };
}
