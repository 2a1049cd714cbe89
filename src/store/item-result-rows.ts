import type { ItemKind, ItemResult } from './item-results.js';

/** An `item_results` row as both backends return it. */
export interface ItemResultRow {
  run_id: string;
  item_key: string;
  kind: string;
  position: number | string;
  value: string;
  written_by: string;
  created_at: string;
}

export function itemResultOf(row: ItemResultRow): ItemResult {
  return {
    runId: row.run_id,
    itemKey: row.item_key,
    kind: row.kind as ItemKind,
    position: Number(row.position),
    value: JSON.parse(row.value) as unknown,
    writtenBy: row.written_by,
    createdAt: row.created_at,
  };
}
