import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hashMessages } from '../../src/core/messages.js';
import {
  agentSftChat,
  BenchRowSchema,
  benchRowMessages,
  benchRows,
  MessagesRowSchema,
  ShareGptRowSchema,
  sampleTurnIndices,
  selectTurns,
  worldModelChats,
} from '../../src/export/index.js';
import { readSessionFile } from '../../src/session/session-file.js';
import { REPO_ROOT, runCli, temporaryFolder } from './run-cli.js';

const EXAMPLES = ['terminal', 'mcp'] as const;
const examplePath = (name: string): string => join(REPO_ROOT, 'examples', 'sessions', `${name}.jsonl`);

function readRows(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('agentworld export', { concurrency: 2 }, () => {
  const folder = temporaryFolder('export');
  after(() => folder.remove());

  it('samples the first, the last and three evenly spaced middle turns, without duplicates', () => {
    assert.deepEqual(sampleTurnIndices(1), [1]);
    assert.deepEqual(sampleTurnIndices(2), [1, 2]);
    assert.deepEqual(sampleTurnIndices(5), [1, 2, 3, 4, 5]);
    assert.deepEqual(sampleTurnIndices(12), [1, 4, 7, 9, 12]);
  });

  for (const name of EXAMPLES) {
    it(`writes bench rows of ${name}.jsonl that parse and cover the sampled turns`, async () => {
      const out = join(folder.path, `${name}-bench.jsonl`);
      const run = await runCli(['export', '--format', 'bench', '--out', out, examplePath(name)]);
      assert.equal(run.code, 0, run.stderr);
      const rows = readRows(out).map((row) => BenchRowSchema.parse(row));
      const records = await readSessionFile(examplePath(name));
      const expected = records.flatMap((record) =>
        sampleTurnIndices(record.turns.length).map((turn) => `${record.spec.domain}:${turn}`),
      );
      assert.deepEqual(
        rows.map((row) => `${row.task}:${row.turn_idx}`),
        expected,
      );
      for (const row of rows) {
        assert.equal(row.prompt.length, row.turn_idx);
        assert.equal(row.response.length, row.turn_idx);
        assert.ok(row.response.every((response) => response.startsWith('**Environment Observation:**\n')));
        assert.ok(row.current_prompt.startsWith(`### Turn ${row.turn_idx}\n`));
      }
    });

    for (const dialect of ['sharegpt', 'messages'] as const) {
      const schema = dialect === 'sharegpt' ? ShareGptRowSchema : MessagesRowSchema;
      it(`writes ${dialect} world-model data of ${name}.jsonl: one example per turn`, async () => {
        const out = join(folder.path, `${name}-wm-${dialect}.jsonl`);
        const run = await runCli([
          'export',
          '--format',
          'world-model',
          '--dialect',
          dialect,
          '--out',
          out,
          examplePath(name),
        ]);
        assert.equal(run.code, 0, run.stderr);
        const rows = readRows(out).map((row) => schema.parse(row));
        const records = await readSessionFile(examplePath(name));
        assert.equal(
          rows.length,
          records.reduce((sum, record) => sum + record.turns.length, 0),
        );
        for (const row of rows) {
          const last = 'messages' in row ? row.messages.at(-1)?.content : row.conversations.at(-1)?.value;
          assert.match(last ?? '', /^<predicted_observation>[\s\S]*<\/predicted_observation>$/);
        }
      });

      it(`writes ${dialect} agent-sft data of ${name}.jsonl: one chat per session, actions as assistant turns`, async () => {
        const out = join(folder.path, `${name}-sft-${dialect}.jsonl`);
        const run = await runCli([
          'export',
          '--format',
          'agent-sft',
          '--dialect',
          dialect,
          '--out',
          out,
          examplePath(name),
        ]);
        assert.equal(run.code, 0, run.stderr);
        const rows = readRows(out).map((row) => schema.parse(row));
        const records = await readSessionFile(examplePath(name));
        assert.equal(rows.length, records.filter((record) => record.turns.length > 0).length);
        for (const [index, row] of rows.entries()) {
          const roles =
            'messages' in row
              ? row.messages.map((message) => message.role)
              : row.conversations.map((turn) => turn.from);
          const assistant = dialect === 'messages' ? 'assistant' : 'gpt';
          assert.equal(roles.filter((role) => role === assistant).length, records[index]?.turns.length);
          assert.equal(roles.at(-1), assistant);
        }
      });
    }
  }

  // Every example: the recorded prompt hashes are those of the prompts the session engine sent.
  for (const name of ['terminal', 'mcp', 'swe', 'android', 'os', 'web']) {
    it(`rebuilds from ${name}.jsonl bench rows and world-model chats the exact prompt the session engine sent`, async () => {
      for (const record of await readSessionFile(examplePath(name))) {
        const all = record.turns.map((turn) => turn.index);
        for (const row of benchRows(record, all)) {
          const turn = record.turns[row.turn_idx - 1];
          assert.equal(hashMessages(benchRowMessages(row)), turn?.provenance.promptHash);
        }
        for (const [k, chat] of worldModelChats(record, all).entries()) {
          assert.equal(hashMessages(chat.slice(0, -1)), record.turns[k]?.provenance.promptHash);
        }
      }
    });
  }

  it('leaves out turns the embedded model could only label as unsupported, and agent-sft stops before them', async () => {
    const [record] = await readSessionFile(examplePath('terminal'));
    assert.ok(record !== undefined && record.turns.length >= 3);
    const turns = record.turns.map((turn) =>
      turn.index === 2 ? { ...turn, events: [...turn.events, { type: 'local.unsupported' }] } : turn,
    );
    const labelled = { ...record, turns };
    const kept = selectTurns(labelled, { turns: 'all' });
    assert.deepEqual(
      kept,
      record.turns.map((turn) => turn.index).filter((index) => index !== 2),
    );
    const chat = agentSftChat(labelled, new Set(kept));
    assert.equal(chat?.filter((message) => message.role === 'assistant').length, 1);
  });

  it('reads gzip-compressed session files (the real corpus) as it reads plain ones', async () => {
    const input = join(REPO_ROOT, 'corpus', 'real', 'swe.jsonl.gz');
    const out = join(folder.path, 'corpus-bench.jsonl');
    const run = await runCli(['export', input, '--format', 'bench', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const records = await readSessionFile(input);
    const expected = records.reduce((sum, record) => sum + sampleTurnIndices(record.turns.length).length, 0);
    const rows = readRows(out);
    assert.equal(rows.length, expected);
    for (const row of rows) BenchRowSchema.parse(row);
  });

  it('--subsample keeps the same share for the same seed, another set for another seed; a bad fraction is refused', async () => {
    const input = join(REPO_ROOT, 'corpus', 'real', 'terminal.jsonl.gz');
    const rowsFor = async (seed: string): Promise<string[]> => {
      const out = join(folder.path, `subsample-${seed}.jsonl`);
      const run = await runCli([
        'export',
        input,
        '--format',
        'bench',
        '--turns',
        'all',
        '--subsample',
        '0.5',
        '--seed',
        seed,
        '--out',
        out,
      ]);
      assert.equal(run.code, 0, run.stderr);
      return readRows(out).map((row) => {
        const { id, turn_idx } = row as { id: string; turn_idx: number };
        return `${id}#${turn_idx}`;
      });
    };
    const [first, again, other] = await Promise.all([rowsFor('1'), rowsFor('1'), rowsFor('2')]);
    const total = (await readSessionFile(input)).reduce((sum, record) => sum + record.turns.length, 0);
    assert.deepEqual(first, again);
    assert.notDeepEqual(first, other);
    assert.ok(first.length > total * 0.4 && first.length < total * 0.6, `${first.length} of ${total}`);
    const bad = await runCli([
      'export',
      input,
      '--format',
      'bench',
      '--subsample',
      '1.5',
      '--out',
      join(folder.path, 'x.jsonl'),
    ]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /a fraction from 0 to 1/);
  });

  it('stops at a damaged line, names its file:line and leaves no output behind', async () => {
    const input = join(folder.path, 'damaged.jsonl');
    const good = readFileSync(examplePath('terminal'), 'utf8').split('\n')[0] ?? '';
    writeFileSync(input, `${good}\n{"format":"agentworld.session",\n`);
    const out = join(folder.path, 'damaged-out.jsonl');
    const run = await runCli(['export', '--format', 'bench', '--out', out, input]);
    assert.equal(run.code, 1);
    assert.ok(run.stderr.includes(`${input}:2:`), run.stderr);
    assert.equal(existsSync(out), false);
  });

  it('keeps only turns of the chosen provenance', async () => {
    const out = join(folder.path, 'simulated-only.jsonl');
    const run = await runCli([
      'export',
      '--format',
      'world-model',
      '--provenance',
      'simulated',
      '--out',
      out,
      examplePath('terminal'),
    ]);
    assert.equal(run.code, 0, run.stderr);
    const records = await readSessionFile(examplePath('terminal'));
    const simulated = records
      .flatMap((record) => record.turns)
      .filter((turn) => turn.provenance.source === 'simulated');
    assert.equal(readRows(out).length, simulated.length);
  });
});
