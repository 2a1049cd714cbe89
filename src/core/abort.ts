import { AgentWorldError } from './errors.js';

/** Options every async entry point accepts. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AgentWorldError('ABORTED', abortMessage(signal), { cause: signal.reason });
  }
}

function abortMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.message) return `Aborted: ${reason.message}`;
  return 'The operation was aborted.';
}

/** Resolves after `milliseconds`, or rejects with ABORTED as soon as the signal fires. */
export function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AgentWorldError('ABORTED', abortMessage(signal), { cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AgentWorldError('ABORTED', abortMessage(signal as AbortSignal), { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that fires when any of the given signals fires (undefined entries are skipped). */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return AbortSignal.any(present);
}
