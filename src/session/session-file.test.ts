import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isAgentWorldError } from '../core/errors.js';
import { type SessionRecord, SessionRecordSchema } from '../core/turn.js';
import { WorldSpecSchema } from '../core/world-spec.js';
import { appendSessionRecord, parseSessionLines, readSessionFile, writeSessionFile } from './session-file.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-session-file-'));
after(() => rmSync(root, { recursive: true, force: true }));

function record(id: string, observations: string[]): SessionRecord {
  return SessionRecordSchema.parse({
    format: 'agentworld.session',
    version: 1,
    id,
    createdAt: '2025-01-01T00:00:00.000Z',
    seed: 7,
    spec: WorldSpecSchema.parse({ id: 'shell', domain: 'terminal', task: 'list files' }),
    systemPrompt: 'You simulate a terminal.',
    initialObservation: 'user@host:~$ ',
    turns: observations.map((observation, position) => ({
      index: position + 1,
      action: [{ keystrokes: `echo ${position}\n`, duration: 1 }],
      prompt: `### Turn ${position + 1}`,
      observation,
      provenance: { source: 'simulated', engine: 'lwm', model: 'world-model', promptHash: `h${position}` },
      timing: { startedAt: '2025-01-01T00:00:00.000Z', totalMs: 2, engineMs: 1, overheadMs: 1 },
    })),
    labels: { origin: 'test' },
  });
}

describe('session files', () => {
  it('round-trips records through write, append and read', async () => {
    const path = join(root, 'nested', 'folder', 'sessions.jsonl');
    const first = record('a', ['line one\nline two', 'unicode: \u2028 é 漢']);
    const second = record('b', []);
    await writeSessionFile(path, [first]);
    await appendSessionRecord(path, second);
    const read = await readSessionFile(path);
    assert.deepEqual(read, [first, second]);
    assert.equal(readFileSync(path, 'utf8').split('\n').length, 3);
  });

  it('replaces the whole file atomically and leaves no temporary file behind', async () => {
    const folder = join(root, 'atomic');
    const path = join(folder, 'sessions.jsonl');
    await writeSessionFile(path, [record('a', ['x']), record('b', ['y'])]);
    await writeSessionFile(path, [record('c', ['z'])]);
    assert.deepEqual(
      (await readSessionFile(path)).map((entry) => entry.id),
      ['c'],
    );
    assert.deepEqual(readdirSync(folder), ['sessions.jsonl']);
  });

  it('reads gzip-compressed files (.gz) and names a damaged one', async () => {
    const path = join(root, 'compressed.jsonl.gz');
    const records = [record('a', ['one']), record('b', ['two', 'three'])];
    writeFileSync(path, gzipSync(`${records.map((entry) => JSON.stringify(entry)).join('\n')}\n`));
    assert.deepEqual(await readSessionFile(path), records);
    const damaged = join(root, 'damaged.jsonl.gz');
    writeFileSync(damaged, gzipSync('{"format"').subarray(0, 12));
    await assert.rejects(readSessionFile(damaged), (error: unknown) => {
      assert.ok(isAgentWorldError(error));
      assert.equal(error.code, 'INVALID_REQUEST');
      assert.match(error.message, /damaged\.jsonl\.gz: not a readable gzip file/);
      return true;
    });
    const badLine = join(root, 'bad-line.jsonl.gz');
    writeFileSync(badLine, gzipSync(`${JSON.stringify(records[0])}\n{oops\n`));
    await assert.rejects(readSessionFile(badLine), /bad-line\.jsonl\.gz:2: not a JSON line/);
  });

  it('skips blank lines and accepts CRLF line ends', () => {
    const line = JSON.stringify(record('a', ['ok']));
    const records = parseSessionLines(`\n${line}\r\n\n   \n${line}\n`, 'inline');
    assert.equal(records.length, 2);
  });

  it('names the file, line number and bad field of an invalid line', async () => {
    const path = join(root, 'bad-field.jsonl');
    const good = record('a', ['ok']);
    const bad = structuredClone(good) as unknown as { turns: Array<{ provenance: { source: string } }> };
    const badTurn = bad.turns[0];
    assert.ok(badTurn);
    badTurn.provenance.source = 'imagined';
    writeFileSync(path, `${JSON.stringify(good)}\n\n${JSON.stringify(bad)}\n`);
    await assert.rejects(readSessionFile(path), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_REQUEST'));
      assert.ok(error.message.includes(`${path}:3`), error.message);
      assert.ok(error.message.includes('$.turns[0].provenance.source'), error.message);
      assert.equal(error.details.line, 3);
      assert.equal(error.details.file, path);
      return true;
    });
  });

  it('reports a line that is not JSON with its line number', () => {
    assert.throws(
      () =>
        parseSessionLines(`${JSON.stringify(record('a', []))}\n{"format": "agentworld.sess`, 'torn.jsonl'),
      (error) =>
        isAgentWorldError(error, 'INVALID_REQUEST') &&
        error.message.startsWith('torn.jsonl:2: not a JSON line'),
    );
  });

  it('explains a record written by a newer format version', () => {
    const newer = { ...record('a', []), version: 2 };
    assert.throws(
      () => parseSessionLines(JSON.stringify(newer), 'future.jsonl'),
      (error) =>
        isAgentWorldError(error, 'INVALID_REQUEST') &&
        /version 2 was written by a newer AgentWorld; this build reads version 1/.test(error.message) &&
        error.message.startsWith('future.jsonl:1:'),
    );
  });

  it('refuses to write an invalid record and reports a missing file clearly', async () => {
    const broken = { ...record('a', []), seed: 1.5 } as SessionRecord;
    await assert.rejects(appendSessionRecord(join(root, 'never.jsonl'), broken), (error) =>
      isAgentWorldError(error, 'INVALID_REQUEST'),
    );
    await assert.rejects(
      readSessionFile(join(root, 'never.jsonl')),
      (error) => isAgentWorldError(error, 'INVALID_REQUEST') && /not found/.test(error.message),
    );
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readSessionFile(join(root, 'x.jsonl'), { signal: controller.signal }), (error) =>
      isAgentWorldError(error, 'ABORTED'),
    );
  });
});
