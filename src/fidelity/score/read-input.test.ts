import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { writeManifest } from '../run/manifest.js';
import { INFER_LINE_FORMAT, type InferLine, MANIFEST_FORMAT, type RunManifest, rowKey } from '../schemas.js';
import { readScoreInput } from './read-input.js';

const folder = mkdtempSync(join(tmpdir(), 'agentworld-score-input-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function line(id: number, gen = 'x'): InferLine {
  const row = {
    task: 'terminal',
    id,
    prompt: ['p'],
    response: ['r'],
    current_prompt: 'p',
    system_str: '',
    turn_idx: 1,
    total_turns: 1,
  };
  return {
    ...row,
    format: INFER_LINE_FORMAT,
    version: 1,
    key: rowKey(row),
    gen,
    prediction: gen,
    failed: false,
    latencyMs: 1,
    attempts: 1,
    finishedAt: 'x',
  };
}

function manifest(model: string): RunManifest {
  return {
    format: MANIFEST_FORMAT,
    version: 1,
    stage: 'infer',
    agentworldVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { sources: ['rows.jsonl'], rowsHash: 'h' },
    model: { engine: 'lwm', name: model, parameters: {} },
  };
}

function write(name: string, lines: readonly string[]): string {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('readScoreInput', () => {
  it('skips and reports lines that are not bench lines, keeps the latest line of a key, counts keys repeated across files', async () => {
    const a = write('a.jsonl', [
      JSON.stringify(line(1, 'old')),
      '{"task": "terminal", "id": 2}',
      'not json',
      JSON.stringify(line(1, 'new')),
      JSON.stringify(line(2)),
    ]);
    const b = write('b.jsonl', [JSON.stringify(line(2, 'shard b')), JSON.stringify(line(3))]);
    const input = await readScoreInput([a, b]);
    assert.equal(input.skipped, 2);
    assert.equal(input.duplicates, 1);
    assert.equal(input.warnings.length, 2);
    assert.match(input.warnings[0] ?? '', /a\.jsonl:2: skipped: not a bench infer or judge line/);
    assert.match(input.warnings[1] ?? '', /a\.jsonl:3: skipped: not JSON/);
    const gens = Object.fromEntries(input.lines.map((entry) => [entry.id, entry.gen]));
    assert.deepEqual(gens, { 1: 'new', 2: 'shard b', 3: 'x' });
  });

  it('refuses files produced by different runs, naming the difference, and keeps agreeing manifests', async () => {
    const a = write('m-a.jsonl', [JSON.stringify(line(1))]);
    const b = write('m-b.jsonl', [JSON.stringify(line(2))]);
    const c = write('m-c.jsonl', [JSON.stringify(line(3))]);
    await writeManifest(a, manifest('model-a'));
    await writeManifest(b, manifest('model-a'));
    await writeManifest(c, manifest('model-b'));
    const agreeing = await readScoreInput([a, b]);
    assert.equal(agreeing.manifests.length, 2);
    await assert.rejects(readScoreInput([a, c]), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_REQUEST'));
      assert.match(error.message, /model\.name: "model-a" ≠ "model-b"/);
      return true;
    });
  });
});
