import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import type { RunManifest } from '../schemas.js';
import { manifestDifferences, manifestPath, pinManifest, readManifest, rowsHash } from './manifest.js';
import { ResultLog, readResultLog } from './result-log.js';

const scratch = mkdtempSync(join(tmpdir(), 'agentworld-fidelity-run-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const LineSchema = z.object({ key: z.string(), value: z.number() });
type Line = z.infer<typeof LineSchema>;
const format = { schema: LineSchema, key: (line: Line) => line.key, noun: 'test line' };

function manifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    format: 'agentworld.bench.manifest',
    version: 1,
    stage: 'infer',
    agentworldVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { sources: ['data/'], rowsHash: 'abc' },
    model: {
      engine: 'lwm',
      name: 'm',
      baseUrl: 'http://a/v1',
      parameters: { temperature: 0.6, maxTokens: 100 },
    },
    ...overrides,
  };
}

describe('ResultLog', () => {
  it('appends lines, reopens them, and keeps the latest line of a key', async () => {
    const path = join(scratch, 'append.jsonl');
    const log = await ResultLog.open(path, format);
    await Promise.all([log.append({ key: 'a', value: 1 }), log.append({ key: 'b', value: 2 })]);
    await log.append({ key: 'a', value: 3 });
    await log.close();
    const reopened = await ResultLog.open(path, format);
    assert.deepEqual([...reopened.committed.keys()], ['b', 'a']);
    assert.equal(reopened.get('a')?.value, 3);
    await reopened.close();
    assert.deepEqual((await readResultLog(path, format)).lines, [
      { key: 'b', value: 2 },
      { key: 'a', value: 3 },
    ]);
  });

  it('cuts a torn last line off with a warning, and the next append starts on a fresh line', async () => {
    const path = join(scratch, 'torn.jsonl');
    writeFileSync(path, '{"key":"a","value":1}\n{"key":"b","va');
    const log = await ResultLog.open(path, format);
    assert.equal(log.warnings.length, 1);
    assert.match(log.warnings[0] ?? '', /torn last line/);
    assert.deepEqual([...log.committed.keys()], ['a']);
    await log.append({ key: 'b', value: 2 });
    await log.close();
    assert.equal(readFileSync(path, 'utf8'), '{"key":"a","value":1}\n{"key":"b","value":2}\n');
  });

  it('treats a valid last line without its newline as not committed', async () => {
    const path = join(scratch, 'unfinished.jsonl');
    writeFileSync(path, '{"key":"a","value":1}\n{"key":"b","value":2}');
    const contents = await readResultLog(path, format);
    assert.deepEqual(
      contents.lines.map((line) => line.key),
      ['a'],
    );
    assert.match(contents.warnings[0] ?? '', /no newline; row b runs again/);
  });

  it('refuses a bad line that is not the last one, naming file and line', async () => {
    const path = join(scratch, 'bad.jsonl');
    writeFileSync(path, '{"key":"a","value":1}\n{"key":"b"}\n{"key":"c","value":3}\n');
    await assert.rejects(ResultLog.open(path, format), (error: unknown) => {
      assert.ok(error instanceof AgentWorldError);
      assert.match(error.message, /bad\.jsonl:2: not a test line/);
      return true;
    });
  });

  it('refuses to append an invalid line', async () => {
    const path = join(scratch, 'invalid.jsonl');
    const log = await ResultLog.open(path, format);
    await assert.rejects(
      log.append({ key: 'a' } as unknown as Line),
      /Refusing to write an invalid test line/,
    );
    await log.close();
    appendFileSync(path, '');
    assert.equal(readFileSync(path, 'utf8'), '');
  });
});

describe('run manifest', () => {
  it('names every answer-changing difference, and ignores URLs, dates and source paths', () => {
    const existing = manifest();
    const proposed = manifest({
      createdAt: '2027-01-01T00:00:00.000Z',
      data: { sources: ['/elsewhere/data'], rowsHash: 'abc' },
      model: {
        engine: 'lwm',
        name: 'm',
        baseUrl: 'http://b/v1',
        parameters: { temperature: 0.7, maxTokens: 100 },
      },
    });
    assert.deepEqual(manifestDifferences(existing, proposed), ['model.parameters.temperature: 0.6 ≠ 0.7']);
    assert.deepEqual(
      manifestDifferences(
        manifest({
          judge: {
            name: 'j',
            parameters: {},
            promptHashes: { web: '1', user: '2' },
            promptSource: 'builtin',
          },
        }),
        manifest({
          stage: 'judge',
          judge: { name: 'j', parameters: {}, promptHashes: { web: '3', user: '2' }, promptSource: '/p' },
        }),
      ),
      ['judge.promptHashes.web: "1" ≠ "3"', 'stage: "infer" ≠ "judge"'],
    );
  });

  it('writes a manifest once, keeps it for an agreeing run, refuses a differing one', async () => {
    const out = join(scratch, 'pinned.jsonl');
    await pinManifest(out, manifest(), false);
    assert.equal((await readManifest(out))?.model.name, 'm');
    const kept = await pinManifest(out, manifest({ createdAt: '2030-01-01T00:00:00.000Z' }), true);
    assert.equal(kept.createdAt, '2026-01-01T00:00:00.000Z');
    await assert.rejects(
      pinManifest(
        out,
        manifest({
          model: { engine: 'lwm', name: 'other', parameters: { temperature: 0.6, maxTokens: 100 } },
        }),
        true,
      ),
      (error: unknown) => {
        assert.ok(error instanceof AgentWorldError);
        assert.equal(error.code, 'INVALID_REQUEST');
        assert.match(error.message, /model\.name: "m" ≠ "other"/);
        assert.deepEqual(error.details.differences, ['model.name: "m" ≠ "other"']);
        return true;
      },
    );
    assert.match(readFileSync(manifestPath(out), 'utf8'), /"name": "m"/);
  });

  it('refuses a result file with lines but no manifest', async () => {
    await assert.rejects(pinManifest(join(scratch, 'orphan.jsonl'), manifest(), true), /has no manifest/);
  });

  it('hashes rows independently of their order', () => {
    const a = { task: 'web', id: 1, turn_idx: 1, x: 1 };
    const b = { task: 'web', id: 1, turn_idx: 2, x: 2 };
    assert.equal(rowsHash([a, b]), rowsHash([b, a]));
    assert.notEqual(rowsHash([a, b]), rowsHash([a, { ...b, x: 3 }]));
  });
});
