import type { Blame } from './types.js';

/** What a batch tells its progress display. */
export interface BatchProgress {
  update(done: number, blame: Blame): void;
  stop(): void;
}

const SILENT: BatchProgress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar with rate (episodes per minute) and ETA on stderr, only when stderr is a TTY (cli-progress,
 * loaded only then); silent otherwise, so logs and pipes stay clean.
 */
export async function createBatchProgress(
  total: number,
  initial: number,
  enabled: boolean,
  now: () => number = () => performance.now(),
): Promise<BatchProgress> {
  if (!enabled || process.stderr.isTTY !== true || total === 0) return SILENT;
  const { Presets, SingleBar } = await import('cli-progress');
  const bar = new SingleBar(
    {
      format:
        'rollout [{bar}] {value}/{total} episodes | {rate}/min | ETA {eta_formatted} | ok {success} fail {failure} invalid {invalid} infra {infra}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const startedAt = now();
  const counts = { success: 0, failure: 0, invalid: 0, infra: 0 };
  bar.start(total, initial, { rate: '0.0', ...counts });
  return {
    update(done, blame) {
      if (blame === 'success') counts.success += 1;
      else if (blame === 'failure') counts.failure += 1;
      else if (blame === 'invalid-action') counts.invalid += 1;
      else counts.infra += 1;
      const minutes = (now() - startedAt) / 60_000;
      const ran = done - initial;
      bar.update(done, { rate: minutes > 0 ? (ran / minutes).toFixed(1) : '0.0', ...counts });
    },
    stop() {
      bar.stop();
    },
  };
}
