/**
 * Plays scripted scenarios through the real Session (createEnv) against a real engine, a few at a time, and
 * returns their records in scenario order. A failed domain check on a real observation is reported (it means a
 * check is wrong about the real tool), never hidden; an infra error stops the run.
 */
import pLimit from 'p-limit';
import type { Engine } from '../../src/core/engine.js';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import type { WorldSpec } from '../../src/core/world-spec.js';
import { createEnv } from '../../src/session/create-env.js';
import { type CorpusScenario, isReactiveAction } from './scenario.js';

export interface RecordedPart {
  readonly records: SessionRecord[];
  /** `scenario turn N: check: message` for every failed check. */
  readonly failedChecks: string[];
  readonly turns: number;
}

export interface RecordOptions {
  readonly engine: Engine;
  readonly specFor: (scenario: CorpusScenario) => WorldSpec | unknown | Promise<unknown>;
  readonly labels: (scenario: CorpusScenario) => Record<string, string>;
  readonly concurrency: number;
  readonly onSession?: (scenario: CorpusScenario, record: SessionRecord) => void;
}

export async function recordScenarios(
  scenarios: readonly CorpusScenario[],
  options: RecordOptions,
): Promise<RecordedPart> {
  const limit = pLimit(options.concurrency);
  const failedChecks: string[] = [];
  let turns = 0;
  const records = await Promise.all(
    scenarios.map((scenario) =>
      limit(async () => {
        const session = await createEnv(await options.specFor(scenario), {
          engine: options.engine,
          id: scenario.id,
        });
        try {
          let lastObservation = (await session.reset({ seed: 0 })).observation;
          for (const scripted of scenario.actions) {
            let result: Awaited<ReturnType<typeof session.step>>;
            try {
              const action = isReactiveAction(scripted)
                ? scripted.react({ observation: lastObservation, ledger: session.ledgerSummary() })
                : scripted;
              result = await session.step(action);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              throw new Error(`${scenario.id} turn ${session.turns.length + 1}: ${message}`, {
                cause: error,
              });
            }
            lastObservation = result.observation;
            turns += 1;
            for (const check of result.info.turn.checks) {
              if (check.status === 'fail') {
                failedChecks.push(
                  `${scenario.id} turn ${result.info.turn.index}: ${check.id}: ${check.message ?? ''}`,
                );
              }
            }
            if (result.terminated || result.truncated) break;
          }
        } finally {
          await session.close();
        }
        const record = SessionRecordSchema.parse(
          session.toRecord({ family: scenario.family, scenario: scenario.id, ...options.labels(scenario) }),
        );
        options.onSession?.(scenario, record);
        return record;
      }),
    ),
  );
  return { records, failedChecks, turns };
}
