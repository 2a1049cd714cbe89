/**
 * Records the example os sessions (never written by hand):
 *
 *   node --import tsx scripts/record-examples/os.ts
 *
 * There is no real desktop executor here, so each scenario of os-scenarios.ts is played through the real
 * Session and the lwm engine against the scripted model server, which answers with the scenario's hand-written
 * states. The records are labelled `recordedWith: 'scripted-model-server'` and `note: 'not a real environment'`.
 * Nothing is written if any check of any turn fails. Writes examples/os-pyautogui.json,
 * examples/os-computer13.json and examples/sessions/os.jsonl.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SessionRecord } from '../../src/core/turn.js';
import { createLwmEngine } from '../../src/engines/lwm/lwm-engine.js';
import { createEnv } from '../../src/session/create-env.js';
import { writeSessionFile } from '../../src/session/session-file.js';
import { startScriptedModelServer } from '../../src/testing/index.js';
import { OS_SCENARIOS, osExampleSpec } from './os-scenarios.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SESSIONS_FILE = join(ROOT, 'examples', 'sessions', 'os.jsonl');

async function main(): Promise<void> {
  const server = await startScriptedModelServer({ reasoningMode: 'reasoning_content' });
  const records: SessionRecord[] = [];
  const failures: string[] = [];
  try {
    for (const scenario of OS_SCENARIOS) {
      console.log(`session: ${scenario.title}`);
      server.setScript(
        scenario.turns.map((turn, index) => ({
          type: 'observation' as const,
          observation: turn.observation,
          reasoning: `Scripted state ${index + 1} of the "${scenario.title}" example.`,
        })),
      );
      const engine = createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 });
      try {
        const env = await createEnv(osExampleSpec(scenario.dialect), { engine });
        await env.reset({ seed: scenario.seed });
        for (const turn of scenario.turns) {
          const result = await env.step(turn.action);
          for (const check of result.info.turn.checks) {
            if (check.status === 'fail') {
              failures.push(
                `${scenario.title} turn ${result.info.turn.index} ${check.id}: ${check.message ?? ''}`,
              );
            }
          }
          console.log(`  turn ${result.info.turn.index}: ${JSON.stringify(turn.action)}`);
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
    console.error(`Not written: ${failures.length} check(s) failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
    return;
  }
  for (const dialect of ['pyautogui', 'computer13'] as const) {
    const path = join(ROOT, 'examples', `os-${dialect}.json`);
    await writeFile(path, `${JSON.stringify(osExampleSpec(dialect), null, 2)}\n`, 'utf8');
    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', path], {
      cwd: ROOT,
    }).catch((error: unknown) => console.warn(`could not format ${path}: ${String(error)}`));
  }
  await writeSessionFile(SESSIONS_FILE, records);
  console.log(`wrote ${records.length} sessions to ${SESSIONS_FILE}`);
}

await main();
