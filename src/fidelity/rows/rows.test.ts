import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { BenchRow } from '../schemas.js';
import { benchRowMessages, loadRows, parseShard, selectRows, shardOf } from './index.js';

const scratch = mkdtempSync(join(tmpdir(), 'agentworld-fidelity-rows-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const SUFFIX =
  '\n\nPlease analyze the input above and predict the environment response.\nGive the simulated observation strictly inside <predicted_observation></predicted_observation>.';

function row(overrides: Partial<BenchRow> = {}): BenchRow {
  return {
    task: 'terminal',
    id: 145256090131919,
    prompt: [
      '### Turn 1\n**Current State:**\nroot@box:/# \n\n**Action:**\n```bash\nls\n```',
      '### Turn 2\n**Action:**\n```bash\ncd /tmp\n```',
      `### Turn 3\n**Action:**\n\`\`\`bash\npwd\n\`\`\`${SUFFIX}`,
    ],
    response: [
      '**Environment Observation:**\nbin  etc  tmp\nroot@box:/# ',
      '**Environment Observation:**\nroot@box:/tmp# ',
      '**Environment Observation:**\n/tmp\nroot@box:/tmp# ',
    ],
    current_prompt: '### Turn 3\n**Action:**\n```bash\npwd\n```',
    system_str: 'You are a terminal world model.',
    turn_idx: 3,
    total_turns: 9,
    ...overrides,
  };
}

describe('bench rows', () => {
  it("builds eval.py's chat layout byte for byte (spec §0.3)", () => {
    const fixture = row();
    const expected = [
      { role: 'system', content: 'You are a terminal world model.' },
      {
        role: 'user',
        content: '### Turn 1\n**Current State:**\nroot@box:/# \n\n**Action:**\n```bash\nls\n```',
      },
      { role: 'assistant', content: '**Environment Observation:**\nbin  etc  tmp\nroot@box:/# ' },
      { role: 'user', content: '### Turn 2\n**Action:**\n```bash\ncd /tmp\n```' },
      { role: 'assistant', content: '**Environment Observation:**\nroot@box:/tmp# ' },
      { role: 'user', content: `### Turn 3\n**Action:**\n\`\`\`bash\npwd\n\`\`\`${SUFFIX}` },
    ];
    assert.equal(JSON.stringify(benchRowMessages(fixture)), JSON.stringify(expected));
    // An empty system_str sends no system message; turn 1 sends only its prompt.
    assert.deepEqual(benchRowMessages(row({ system_str: '', turn_idx: 1 })), [
      { role: 'user', content: fixture.prompt[0] },
    ]);
  });

  it('reads a directory as eval.py does: *_test.jsonl in sorted order, task names normalised', async () => {
    const directory = join(scratch, 'dataset');
    mkdirSync(directory);
    writeFileSync(
      join(directory, 'web_test.jsonl'),
      `${JSON.stringify(row({ task: 'web', turn_idx: 1 }))}\n`,
    );
    writeFileSync(
      join(directory, 'android_test.jsonl'),
      `${JSON.stringify({ ...row({ turn_idx: 2 }), task: 'AgentWorldBench/android', extra: 'dropped' })}\n`,
    );
    writeFileSync(join(directory, 'notes.jsonl'), 'not a data file\n');
    const loaded = await loadRows([directory]);
    assert.deepEqual(
      loaded.files.map((file) => file.slice(directory.length + 1)),
      ['android_test.jsonl', 'web_test.jsonl'],
    );
    assert.deepEqual(
      loaded.rows.map((entry) => entry.key),
      ['android:145256090131919:2', 'web:145256090131919:1'],
    );
    assert.equal('extra' in (loaded.rows[0]?.row ?? {}), false);
    assert.equal(loaded.rejected.length, 0);
  });

  it('reports malformed rows with file:line and the reason, skips them, and keeps going', async () => {
    const file = join(scratch, 'mixed.jsonl');
    const { turn_idx: _dropped, ...withoutTurn } = row();
    writeFileSync(
      file,
      [
        JSON.stringify(row({ turn_idx: 1 })),
        '{"task": "terminal", "id": 1,',
        JSON.stringify(withoutTurn),
        JSON.stringify(row({ turn_idx: 4 })),
        JSON.stringify({ ...row({ turn_idx: 3 }), response: ['a', 'b'] }),
        JSON.stringify({ ...row(), id: 'x' }),
        '',
        JSON.stringify(row({ turn_idx: 1 })),
        JSON.stringify(row({ turn_idx: 2 })),
      ].join('\n'),
    );
    const loaded = await loadRows([file]);
    assert.deepEqual(
      loaded.rows.map((entry) => [entry.key, entry.origin]),
      [
        ['terminal:145256090131919:1', `${file}:1`],
        ['terminal:145256090131919:2', `${file}:9`],
      ],
    );
    const reasons = loaded.rejected.map(
      (rejected) => `${rejected.origin.slice(file.length)} ${rejected.reason}`,
    );
    assert.equal(reasons.length, 6);
    assert.match(reasons[0] ?? '', /^:2 not JSON/);
    assert.equal(reasons[1], ':3 missing turn_idx');
    assert.equal(reasons[2], ':4 turn_idx 4 out of range: prompt has 3 element(s)');
    assert.match(reasons[3] ?? '', /^:5 turn_idx 3 out of range: response has 2 element/);
    assert.match(reasons[4] ?? '', /^:6 invalid \$\.id/);
    assert.equal(reasons[5], `:8 duplicate key terminal:145256090131919:1 (first at ${file}:1)`);
  });

  it('partitions a selection exactly with --shard i/n, stable by key', () => {
    const entries = Array.from({ length: 200 }, (_, index) => ({
      key: `web:${index}:1`,
      row: { task: index % 3 === 0 ? 'web' : 'mcp' },
    }));
    const shards = [0, 1, 2, 3].map((index) => selectRows(entries, { shard: { index, count: 4 } }));
    const keys = shards.flatMap((shard) => shard.map((entry) => entry.key));
    assert.equal(keys.length, 200);
    assert.equal(new Set(keys).size, 200);
    for (const shard of shards) assert.ok(shard.length > 20, 'every shard gets a share');
    // The shard of a key does not depend on the order or on the other rows.
    assert.deepEqual(
      selectRows([...entries].reverse(), { shard: { index: 2, count: 4 } })
        .map((entry) => entry.key)
        .sort(),
      shards[2]?.map((entry) => entry.key).sort(),
    );
    assert.equal(shardOf('web:7:1', 4), shardOf('web:7:1', 4));
    // Domains, then limit, then shard.
    const limited = selectRows(entries, { domains: ['web'], limit: 10 });
    assert.equal(limited.length, 10);
    assert.ok(limited.every((entry) => entry.row.task === 'web'));
  });

  it('parses --shard and refuses a bad one', () => {
    assert.deepEqual(parseShard('1/4'), { index: 1, count: 4 });
    assert.throws(() => parseShard('4/4'), /0 ≤ i < n/);
    assert.throws(() => parseShard('a/b'), /expected i\/n/);
    assert.throws(() => parseShard('0/0'), /expected i\/n/);
  });
});
