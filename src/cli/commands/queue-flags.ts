/**
 * `--queue` / `--store`, as `bench infer`, `bench judge` and `rollout` take them: the queue and the store opened
 * for the run (and closed after it), and the line that names the run's id.
 */
import type { RunQueue } from '../../queue/index.js';
import type { ItemResultStore } from '../../store/index.js';

/** Opens the queue at `queueUrl` and the store (`--store`, else AGENTWORLD_STORE), runs `use`, closes both. */
export async function withQueueAndStore<T>(
  queueUrl: string,
  storeFlag: string | undefined,
  signal: AbortSignal,
  use: (queue: RunQueue, store: ItemResultStore) => Promise<T>,
): Promise<T> {
  const { RunQueue } = await import('../../queue/index.js');
  const { openStore, resolveStoreLocation } = await import('../../store/index.js');
  const queue = await RunQueue.open(queueUrl, { signal });
  try {
    const store = await openStore(resolveStoreLocation(storeFlag));
    try {
      return await use(queue, store);
    } finally {
      await store.close();
    }
  } finally {
    await queue.close();
  }
}

/** The line that names a queued run's id, for `agentworld queue status`. */
export function runIdNotice(runId: string): string {
  return `run ${runId} (agentworld queue status ${runId} --queue …)`;
}
