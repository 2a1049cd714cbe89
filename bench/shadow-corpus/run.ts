/**
 * How close a simulator comes to the real corpus, measured by shadow mode: `npm run bench:shadow [-- --part
 * terminal --sessions N --shadow local|lwm …]`. Every session of the part (recorded from the real engines by
 * `npm run corpus:real`, never used to train the embedded models) is played again with its recorded actions
 * through a ShadowEngine whose primary replays the real observations and whose shadow is the simulator; the
 * shadow report (exact match, edit similarity, failed checks, by family and turn position) is printed, and with
 * `--out FILE` the shadowed sessions are written for `agentworld shadow report --in FILE`.
 */
import { parseArgs } from 'node:util';
import { createEngineFromFlags } from '../../src/cli/engine-factory.js';
import type { SessionRecord } from '../../src/core/turn.js';
import { readRealCorpus } from '../../src/corpus/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { writeSessionFile } from '../../src/session/session-file.js';
import { buildShadowReport, formatShadowReport, ShadowEngine } from '../../src/shadow/index.js';

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'terminal' },
    sessions: { type: 'string' },
    shadow: { type: 'string', default: 'local' },
    'model-url': { type: 'string' },
    model: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const all = await readRealCorpus({ parts: [values.part ?? 'terminal'] });
const records = values.sessions === undefined ? all : all.slice(0, Number(values.sessions));
const primary = await createReplayEngine({ sessions: records });
const shadowKind = values.shadow as 'local' | 'lwm';
const simulator = await createEngineFromFlags(
  {
    engine: shadowKind,
    ...(values['model-url'] === undefined ? {} : { modelUrl: values['model-url'] }),
    ...(values.model === undefined ? {} : { model: values.model }),
  },
  { spec: records[0]?.spec },
);
const engine = new ShadowEngine({ primary, shadow: simulator });
const shadowed: SessionRecord[] = [];
const started = performance.now();
try {
  for (const record of records) {
    const env = await createEnv(record.spec, { engine, id: `shadow-${record.id}` });
    await env.reset({ seed: record.seed });
    for (const turn of record.turns) await env.step(turn.action);
    await env.close();
    shadowed.push(env.toRecord({ ...record.labels, shadowOf: record.id }));
    process.stderr.write(`\r${shadowed.length}/${records.length} sessions`);
  }
} finally {
  await engine.close();
}
process.stderr.write('\n');
const report = buildShadowReport(shadowed, { worst: 5 });
if (values.out !== undefined) await writeSessionFile(values.out, shadowed);
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(
    `shadow ${simulator.id}${simulator.model === undefined ? '' : ` (${simulator.model})`} against the real corpus part ` +
      `"${values.part}": ${shadowed.length} sessions, ${report.overall.turns} turns, ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(formatShadowReport(report));
}
