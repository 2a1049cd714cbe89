/** What a bench stage tells its progress display. */
export interface RowProgress {
  update(done: number, counts: { readonly ok: number; readonly failed: number }): void;
  stop(): void;
}

const SILENT: RowProgress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar with rate (rows per minute) and ETA on stderr, only when stderr is a TTY (cli-progress, loaded
 * only then); silent otherwise, so logs and pipes stay clean. The shape of the rollout's bar.
 */
export async function createRowProgress(
  label: string,
  total: number,
  enabled: boolean,
  now: () => number = () => performance.now(),
): Promise<RowProgress> {
  if (!enabled || process.stderr.isTTY !== true || total === 0) return SILENT;
  const { Presets, SingleBar } = await import('cli-progress');
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} rows | {rate}/min | ETA {eta_formatted} | ok {ok} failed {failed}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  const startedAt = now();
  bar.start(total, 0, { rate: '0.0', ok: 0, failed: 0 });
  return {
    update(done, counts) {
      const minutes = (now() - startedAt) / 60_000;
      bar.update(done, { rate: minutes > 0 ? (done / minutes).toFixed(1) : '0.0', ...counts });
    },
    stop() {
      bar.stop();
    },
  };
}
