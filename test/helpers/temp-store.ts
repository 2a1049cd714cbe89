import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder that hands out fresh SQLite store paths; `remove()` deletes it with everything inside. */
export interface TempStores {
  readonly root: string;
  /** A path no earlier call returned, in a folder of its own. */
  freshPath(): string;
  remove(): void;
}

export function tempStores(prefix: string): TempStores {
  const root = mkdtempSync(join(tmpdir(), `agentworld-${prefix}-`));
  let counter = 0;
  return {
    root,
    freshPath: () => join(root, `store-${++counter}`, 'agentworld.db'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
