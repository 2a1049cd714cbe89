import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type SessionRecord, SessionRecordSchema } from '../../core/turn.js';
import { mcpDomain } from '../../domains/mcp/index.js';
import { createReplayEngine } from '../../engines/replay/index.js';
import { Session } from '../../session/session.js';
import { CALL_FAMILIES } from './call-grammar.js';
import { EXTENSION_CALL_FAMILIES } from './extension-calls.js';

const run = promisify(execFile);
const mainScript = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
const COUNT = 6;

/** Runs the real CLI in its own process (COUNT sessions unless `extra` says otherwise). */
async function generate(
  out: string,
  seed: number,
  workers: number,
  extra: readonly string[] = ['--count', String(COUNT)],
): Promise<void> {
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      mainScript,
      '--out',
      out,
      '--seed',
      String(seed),
      '--workers',
      String(workers),
    ].concat(['--quiet', ...extra]),
    { timeout: 600_000 }, // a hang guard: a busy machine makes it slower, not wrong
  );
}

/** Every JSON line of every shard, by session id. */
function linesById(out: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const name of readdirSync(out).filter((file) => /^shard-\d+\.jsonl$/.test(file))) {
    for (const line of readFileSync(join(out, name), 'utf8').split('\n')) {
      if (line !== '') lines.set((JSON.parse(line) as { id: string }).id, line);
    }
  }
  return lines;
}

function familyOf(turn: SessionRecord['turns'][number]): { family: string; isError: boolean } {
  const event = turn.events.find((item) => item.type === 'datagen.family');
  assert.ok(event?.data, 'every turn names its family');
  return event.data as { family: string; isError: boolean };
}

describe('datagen:mcp CLI (real server-memory sessions)', () => {
  const root = mkdtempSync(join(tmpdir(), 'agentworld-datagen-mcp-test-'));
  const first = join(root, 'first');
  const again = join(root, 'again');
  const other = join(root, 'other');
  const extension = join(root, 'extension');
  const timed = join(root, 'timed');
  let records: SessionRecord[] = [];

  before(async () => {
    // The same seed split differently over workers, in two processes, another seed, the grammar extension, and
    // a run bounded by time instead of a count.
    await Promise.all([
      generate(first, 7, 2),
      generate(again, 7, 1),
      generate(other, 8, 2),
      generate(extension, 7, 2, ['--count', String(COUNT), '--grammar', 'extension']),
      generate(timed, 7, 2, ['--duration-seconds', '2']),
    ]);
    records = [...linesById(first).values()].map((line) => SessionRecordSchema.parse(JSON.parse(line)));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes one shard per worker and a summary that counts the records', () => {
    assert.deepEqual(readdirSync(first).sort(), ['shard-0.jsonl', 'shard-1.jsonl', 'summary.json']);
    const written = JSON.parse(readFileSync(join(first, 'summary.json'), 'utf8')) as {
      summary: { sessions: number; turns: number; rejected: { agreed: number; differed: number } };
    };
    assert.equal(records.length, COUNT);
    assert.equal(written.summary.sessions, COUNT);
    assert.equal(
      written.summary.turns,
      records.reduce((sum, record) => sum + record.turns.length, 0),
    );
  });

  it('gives byte-identical records for the same seed and different ones for another seed', () => {
    const original = linesById(first);
    const repeated = linesById(again);
    assert.deepEqual([...repeated.keys()].sort(), [...original.keys()].sort());
    for (const [id, line] of original) assert.equal(repeated.get(id), line, id);
    const otherTurns = [...linesById(other).values()].map(
      (line) => (SessionRecordSchema.parse(JSON.parse(line)).turns[0]?.action as unknown) ?? null,
    );
    const firstTurns = records.map((record) => record.turns[0]?.action ?? null);
    assert.notDeepEqual(otherTurns, firstTurns);
  });

  it('records real mcp turns with families, including server-side failures as observations', () => {
    const turns = records.flatMap((record) => record.turns);
    for (const record of records) {
      assert.equal(record.spec.domain, 'mcp');
      assert.equal(record.createdAt, '2026-01-01T00:00:00.000Z');
      assert.match(
        record.initialObservation,
        /^Connected to MCP server "server-memory": \d+ tools available: /,
      );
      assert.match(record.labels.server ?? '', /^@modelcontextprotocol\/server-memory@/);
    }
    for (const turn of turns) {
      assert.equal(turn.provenance.source, 'real');
      assert.equal(turn.provenance.engine, 'mcp-server/server-memory');
      assert.ok((CALL_FAMILIES as readonly string[]).includes(familyOf(turn).family));
    }
    // Reads follow writes, so their output depends on what the session did before.
    assert.ok(
      turns.some((turn) => familyOf(turn).family === 'read_graph' && turn.observation.includes('"name"')),
    );
    const failed = turns.filter((turn) => familyOf(turn).isError);
    assert.ok(failed.length > 0, 'some calls fail on the server');
    for (const turn of failed) assert.match(turn.observation, /not found|error/i);
  });

  it('draws held-out families only in extension mode, in sessions of their own', () => {
    const extended = [...linesById(extension).values()].map((line) =>
      SessionRecordSchema.parse(JSON.parse(line)),
    );
    assert.equal(extended.length, COUNT);
    const families = (list: SessionRecord[]): string[] =>
      list.flatMap((record) => record.turns.map((turn) => familyOf(turn).family));
    assert.ok(
      families(extended).some((family) => (EXTENSION_CALL_FAMILIES as readonly string[]).includes(family)),
    );
    assert.ok(families(records).every((family) => (CALL_FAMILIES as readonly string[]).includes(family)));
    for (const record of extended) {
      assert.match(record.id, /^datagen-mcp-memory-extension-s7-\d+$/);
      assert.equal(record.labels.grammar, 'extension');
    }
    const written = JSON.parse(readFileSync(join(extension, 'summary.json'), 'utf8')) as { grammar: string };
    assert.equal(written.grammar, 'extension');
  });

  it('generates until --duration-seconds is up, each session the same as in a counted run', () => {
    const original = linesById(first);
    const lines = linesById(timed);
    assert.ok(lines.size > 0);
    for (const [id, line] of lines) {
      if (original.has(id)) assert.equal(line, original.get(id), id);
    }
    const written = JSON.parse(readFileSync(join(timed, 'summary.json'), 'utf8')) as {
      count: number | null;
      durationSeconds: number;
      summary: { sessions: number };
    };
    assert.equal(written.count, null);
    assert.equal(written.durationSeconds, 2);
    assert.equal(written.summary.sessions, lines.size);
  });

  it('replays every record through the replay engine with every mcp check passing', async () => {
    const engine = createReplayEngine({ sessions: records });
    try {
      for (const record of records) {
        const session = new Session({
          spec: record.spec,
          domain: mcpDomain,
          engine,
          id: `${record.id}-replay`,
          systemPrompt: record.systemPrompt,
        });
        const reset = await session.reset({ seed: record.seed });
        assert.equal(reset.observation, record.initialObservation);
        for (const turn of record.turns) {
          const step = await session.step(turn.action);
          assert.equal(step.observation, turn.observation);
          assert.equal(step.info.turn.prompt, turn.prompt);
          assert.equal(step.info.turn.provenance.promptHash, turn.provenance.promptHash);
          const failing = step.info.turn.checks.filter((check) => check.status === 'fail');
          assert.deepEqual(failing, [], `${record.id} turn ${turn.index}`);
        }
      }
    } finally {
      await engine.close();
    }
  });
});
