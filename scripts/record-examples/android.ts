/**
 * Records the example android sessions (never written by hand):
 *
 *   node --import tsx scripts/record-examples/android.ts
 *
 * There is no emulator here, so each scenario of android-scenarios.ts is played through the real Session and the
 * lwm engine against the scripted model server, which answers with the scenario's hand-written screens. Each
 * session runs in its bundled spec (examples/android-androidworld.json, examples/android-phone-invoke.json,
 * read as they are). The records are labelled `recordedWith: 'scripted-model-server'` and
 * `note: 'not a real environment'`. Nothing is written if any check of any turn fails, or if a session does not
 * end the way its scenario says. Writes examples/sessions/android.jsonl.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionRecord } from '../../src/core/turn.js';
import { createLwmEngine } from '../../src/engines/lwm/lwm-engine.js';
import { createEnv } from '../../src/session/create-env.js';
import { writeSessionFile } from '../../src/session/session-file.js';
import { readSpecFile } from '../../src/session/spec-file.js';
import { startScriptedModelServer } from '../../src/testing/index.js';
import { ANDROID_SCENARIOS } from './android-scenarios.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SESSIONS_FILE = join(ROOT, 'examples', 'sessions', 'android.jsonl');

async function main(): Promise<void> {
  const server = await startScriptedModelServer({ reasoningMode: 'reasoning_content' });
  const records: SessionRecord[] = [];
  const failures: string[] = [];
  try {
    for (const scenario of ANDROID_SCENARIOS) {
      console.log(`session: ${scenario.title}`);
      server.setScript(
        scenario.turns.map((turn, index) => ({
          type: 'observation' as const,
          observation: turn.observation,
          reasoning: `Scripted screen ${index + 1} of the "${scenario.title}" example.`,
        })),
      );
      const engine = createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 });
      try {
        const spec = await readSpecFile(join(ROOT, 'examples', scenario.specFile));
        const env = await createEnv(spec, { engine });
        if (env.spec.dialect !== scenario.dialect) {
          failures.push(`${scenario.title}: ${scenario.specFile} has dialect ${String(env.spec.dialect)}`);
        }
        await env.reset({ seed: scenario.seed });
        let terminated = false;
        for (const turn of scenario.turns) {
          const result = await env.step(turn.action);
          terminated = result.terminated;
          for (const check of result.info.turn.checks) {
            if (check.status === 'fail') {
              failures.push(
                `${scenario.title} turn ${result.info.turn.index} ${check.id}: ${check.message ?? ''}`,
              );
            }
          }
          console.log(`  turn ${result.info.turn.index}: ${JSON.stringify(result.info.turn.action)}`);
        }
        if (terminated !== scenario.endsWithCompletion) {
          failures.push(
            `${scenario.title}: the last turn ${terminated ? 'ended' : 'did not end'} the episode, ` +
              `expected ${scenario.endsWithCompletion ? 'an end' : 'no end'}`,
          );
        }
        await env.close();
        records.push(
          env.toRecord({
            recordedWith: 'scripted-model-server',
            note: 'not a real environment',
            title: scenario.title,
          }),
        );
      } finally {
        await engine.close();
      }
    }
  } finally {
    await server.close();
  }
  if (failures.length > 0) {
    console.error(`Not written: ${failures.length} problem(s):\n${failures.join('\n')}`);
    process.exitCode = 1;
    return;
  }
  await writeSessionFile(SESSIONS_FILE, records);
  console.log(`wrote ${records.length} sessions to ${SESSIONS_FILE}`);
}

await main();
