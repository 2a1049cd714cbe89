/** How long `waitFor` polls before it takes the wait for a hang. */
export const WAIT_HANG_GUARD_MS = 120_000;

/**
 * Polls `condition` every few milliseconds until it holds. It gives up only after WAIT_HANG_GUARD_MS, a guard
 * against a hang: how soon something happens is no test's business (a busy machine makes it late, not wrong).
 */
export async function waitFor(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + WAIT_HANG_GUARD_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${WAIT_HANG_GUARD_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
