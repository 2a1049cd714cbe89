/**
 * What retrieval from real sessions changes (issue 17, item 5), measured on the shipped real corpus:
 *
 * - `local`: every turn of the real terminal sessions (corpus/real/terminal.jsonl.gz) predicted by the shipped
 *   terminal model from its recorded history (teacher forcing), without demonstrations and with the k most
 *   similar transitions of the *other* sessions (leave-one-session-out), byte-exact and edit similarity.
 * - `lwm`: no world model runs here, so only the prompt cost is measured: the bytes the demonstration block adds
 *   to the messages of every turn of every domain, against the messages without it. Its accuracy effect needs
 *   a real world-model server and is not measured.
 *
 * Accuracy only; nothing here is timed.
 *
 *   node --import tsx bench/retrieval/run.ts [--k 1,3] [--placement before-history,before-turn] [--sessions N per family] [--max-bytes N] [--out FILE] [--skip-local] [--skip-prompt-cost] [--no-grammar-check]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readRealCorpus } from '../../src/corpus/index.js';
import { findBundledModel } from '../../src/engines/local/bundled-model.js';
import { createLocalEngine } from '../../src/engines/local/index.js';
import type { DemonstrationPlacement } from '../../src/engines/local/terminal-simulator.js';
import { DEFAULT_MESSAGES_DEMONSTRATION_BYTES, TransitionIndex } from '../../src/engines/retrieval/index.js';
import { familyOfSession, measureLocalRetrieval } from './local-accuracy.js';
import { measurePromptCost, promptCostSummary } from './lwm-prompt-cost.js';

const { values } = parseArgs({
  options: {
    k: { type: 'string', default: '1,3' },
    placement: { type: 'string', default: 'before-history,before-turn' },
    sessions: { type: 'string' },
    'max-bytes': { type: 'string' },
    'max-observation-bytes': { type: 'string', default: '600' },
    out: { type: 'string' },
    'skip-local': { type: 'boolean', default: false },
    'skip-prompt-cost': { type: 'boolean', default: false },
    'no-grammar-check': { type: 'boolean', default: false },
  },
});
const ks = values.k.split(',').map((text) => Number.parseInt(text, 10));
const placements = values.placement.split(',').map((text): DemonstrationPlacement => {
  if (text !== 'before-history' && text !== 'before-turn') throw new Error(`--placement: ${text}?`);
  return text;
});
/** Without --max-bytes each channel's default budget (2,048 bytes for lwm's block, 768 for local's turns). */
const maxBytes = values['max-bytes'] === undefined ? undefined : Number.parseInt(values['max-bytes'], 10);
const maxObservationBytes = Number.parseInt(values['max-observation-bytes'], 10);

const corpus = await readRealCorpus();
const index = TransitionIndex.fromSessions(corpus);
console.log(`index: ${index.size} transitions of ${corpus.length} real sessions`, index.worlds());

const report: Record<string, unknown> = { corpus: { sessions: corpus.length, transitions: index.size } };

if (!values['skip-prompt-cost']) {
  const costK = ks[ks.length - 1] ?? 3;
  const cost = measurePromptCost(
    index,
    corpus,
    costK,
    maxBytes ?? DEFAULT_MESSAGES_DEMONSTRATION_BYTES,
    maxObservationBytes,
  );
  const costRows = Object.fromEntries(
    [...cost.entries()].map(([world, row]) => [world, promptCostSummary(row)]),
  );
  console.log(`\nlwm prompt cost of k=${costK} demonstrations (bytes per turn; tokens ≈ bytes / 4):`);
  console.table(costRows);
  report.lwmPromptCost = {
    k: costK,
    maxDemonstrationBytes: maxBytes ?? DEFAULT_MESSAGES_DEMONSTRATION_BYTES,
    maxObservationBytes,
    rows: costRows,
  };
}

if (!values['skip-local']) {
  const modelPath = findBundledModel('terminal');
  if (modelPath === undefined) throw new Error('models/agentworld-terminal.gguf is missing');
  const terminal = corpus.filter((record) => record.spec.domain === 'terminal');
  // --sessions N: the first N sessions of every family (the corpus lists each family's sessions together).
  const perFamily =
    values.sessions === undefined ? Number.POSITIVE_INFINITY : Number.parseInt(values.sessions, 10);
  const taken = new Map<string, number>();
  const sessions = terminal.filter((record) => {
    const family = familyOfSession(record);
    taken.set(family, (taken.get(family) ?? 0) + 1);
    return (taken.get(family) ?? 0) <= perFamily;
  });
  // --no-grammar-check: the model answers every command, also those outside its training grammar (which it
  // otherwise labels unsupported without decoding, so demonstrations cannot change them).
  const local = await createLocalEngine({ modelPath, grammarCheck: !values['no-grammar-check'] });
  try {
    const settings = ks.flatMap((k) => placements.map((placement) => ({ k, placement })));
    const results = await measureLocalRetrieval(local, index, sessions, settings, maxBytes);
    const rows: Record<string, unknown> = {};
    for (const result of results) {
      const all = result.all.summary();
      const model = result.model.summary().all;
      rows[result.name] = {
        turns: all.all?.turns,
        exact: all.all?.exact,
        similarity: all.all?.similarity,
        modelTurns: model?.turns,
        modelExact: model?.exact,
        modelSimilarity: model?.similarity,
        conditionedTurns: result.conditioned,
        addedBytesPerTurn: Math.round(result.addedBytes / Math.max(1, all.all?.turns ?? 1)),
      };
    }
    const grammar = values['no-grammar-check'] ? 'grammar check off' : 'grammar check on';
    console.log(
      `\nlocal (${local.model}, ${grammar}), teacher-forced on ${sessions.length} real terminal sessions:`,
    );
    console.table(rows);
    const families: Record<string, Record<string, unknown>> = {};
    for (const result of results) {
      for (const [key, row] of Object.entries(result.all.summary())) {
        if (key === 'all') continue;
        families[key] ??= {};
        (families[key] as Record<string, unknown>)[result.name] = `${row.exact} / ${row.similarity}`;
      }
    }
    console.log('\nby family (byte-exact / edit similarity, every turn):');
    console.table(families);
    report.local = {
      model: local.model,
      grammarCheck: !values['no-grammar-check'],
      sessions: sessions.length,
      rows,
      families: Object.fromEntries(results.map((result) => [result.name, result.all.summary()])),
    };
  } finally {
    await local.close();
  }
}
if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
