import type { Turn } from '../core/turn.js';

/** How many injections a session (or a run) had, and how many the observations showed. */
export interface InjectionReport {
  readonly injections: number;
  readonly manifested: number;
  /** manifested / injections; undefined when nothing was injected. */
  readonly manifestationRate: number | undefined;
  readonly byPerturbation: Record<string, { injections: number; manifested: number }>;
}

/** Counts the `perturbation.injected` events of a session's turns. */
export function injectionReport(turns: readonly Pick<Turn, 'events'>[]): InjectionReport {
  return mergeInjectionReports([countTurns(turns)]);
}

/** Adds up per-session reports into a run-level one. */
export function mergeInjectionReports(reports: readonly InjectionReport[]): InjectionReport {
  const byPerturbation: Record<string, { injections: number; manifested: number }> = {};
  let injections = 0;
  let manifested = 0;
  for (const report of reports) {
    injections += report.injections;
    manifested += report.manifested;
    for (const [id, counts] of Object.entries(report.byPerturbation)) {
      const entry = byPerturbation[id] ?? { injections: 0, manifested: 0 };
      entry.injections += counts.injections;
      entry.manifested += counts.manifested;
      byPerturbation[id] = entry;
    }
  }
  return {
    injections,
    manifested,
    manifestationRate: injections === 0 ? undefined : manifested / injections,
    byPerturbation,
  };
}

function countTurns(turns: readonly Pick<Turn, 'events'>[]): InjectionReport {
  const byPerturbation: Record<string, { injections: number; manifested: number }> = {};
  let injections = 0;
  let manifested = 0;
  for (const turn of turns) {
    for (const event of turn.events) {
      if (event.type !== 'perturbation.injected') continue;
      const id = typeof event.data?.perturbation === 'string' ? event.data.perturbation : 'unknown';
      const shown = event.data?.manifested === true;
      const entry = byPerturbation[id] ?? { injections: 0, manifested: 0 };
      entry.injections += 1;
      injections += 1;
      if (shown) {
        entry.manifested += 1;
        manifested += 1;
      }
      byPerturbation[id] = entry;
    }
  }
  return { injections, manifested, manifestationRate: undefined, byPerturbation };
}
