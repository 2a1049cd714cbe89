/**
 * The server-memory twin against the real @modelcontextprotocol/server-memory: real sessions (the training
 * fixtures, the memory sessions of corpus/real/mcp.jsonl.gz, and sessions generated here by `datagen:mcp` with the
 * real server, in the training grammar and with the held-out extension families) go turn by turn through the twin
 * with their recorded history. Every turn the twin answers must equal the real result byte for byte, with the
 * real isError flag; a twin that meets a session only at its last turn (rebuilt from the history) answers the same.
 * Calls the sessions never make (unknown keys, key orders, duplicates, a failing batch, refused arguments) run live
 * on the real server beside the twin. Prints the answered share and the agreement.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { PredictRequest } from '../../src/core/engine.js';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import { memoryServerCommand } from '../../src/data-generation/mcp/index.js';
import { hasClearErrorSign } from '../../src/domains/mcp/index.js';
import { McpServerEngine } from '../../src/engines/real/mcp/mcp-server-engine.js';
import { createMemoryServerTwin } from '../../src/twins/index.js';

const run = promisify(execFile);

function records(text: string): SessionRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
}

function isMemory(record: SessionRecord): boolean {
  return (
    (record.spec.initialState?.data as { serverName?: string } | undefined)?.serverName === 'server-memory'
  );
}

/** The real isError of a recorded turn: the raw result's flag, else the generator's family event. */
function realIsError(turn: SessionRecord['turns'][number]): boolean | undefined {
  const raw = turn.rawResult?.isError;
  if (typeof raw === 'boolean') return raw;
  const family = turn.events.find((event) => event.type === 'datagen.family')?.data as
    | { isError?: boolean }
    | undefined;
  return family?.isError;
}

function requestFor(record: SessionRecord, index: number, sessionId: string): PredictRequest {
  const turn = record.turns[index];
  assert.ok(turn !== undefined);
  return {
    spec: record.spec,
    sessionId,
    seed: record.seed,
    turnIndex: turn.index,
    action: turn.action,
    messages: [],
    promptHash: '',
    history: record.turns.slice(0, index),
  } as unknown as PredictRequest;
}

describe('server-memory twin conformance against the real server', { timeout: 900_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'agentworld-mcp-twin-conformance-'));
  const sets = new Map<string, SessionRecord[]>();
  before(async () => {
    sets.set(
      'fixtures',
      records(readFileSync(join('training', 'fixtures', 'mcp-sessions.jsonl'), 'utf8')).filter(isMemory),
    );
    sets.set(
      'corpus',
      records(gunzipSync(readFileSync(join('corpus', 'real', 'mcp.jsonl.gz'))).toString('utf8')).filter(
        isMemory,
      ),
    );
    for (const grammar of ['training', 'extension']) {
      const out = join(root, grammar);
      // The real generator with the real server, in its own process (a hang guard, not a speed requirement).
      await run(
        process.execPath,
        [
          '--import',
          'tsx',
          join('src', 'data-generation', 'mcp', 'main.ts'),
          ...['--out', out, '--count', '40', '--seed', '7105', '--grammar', grammar, '--quiet'],
        ],
        { timeout: 600_000 },
      );
      const generated = readdirSync(out)
        .filter((name) => /^shard-\d+\.jsonl$/.test(name))
        .flatMap((name) => records(readFileSync(join(out, name), 'utf8')));
      sets.set(`datagen-${grammar}`, generated);
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('answers every recorded turn exactly as the real server did, live and rebuilt from history', async () => {
    const lines: string[] = [];
    for (const [name, sessions] of sets) {
      assert.ok(sessions.length > 0, `${name}: sessions to run`);
      const twin = createMemoryServerTwin();
      let total = 0;
      let answered = 0;
      let agreed = 0;
      let errors = 0;
      const disagreements: string[] = [];
      const declined = new Map<string, number>();
      for (const record of sessions) {
        const sessionId = `${name}/${record.id}`;
        for (const [index, turn] of record.turns.entries()) {
          total++;
          const answer = await twin.answer(requestFor(record, index, sessionId));
          if (answer.kind === 'declined') {
            declined.set(answer.reason, (declined.get(answer.reason) ?? 0) + 1);
            await twin.absorb(requestFor(record, index, sessionId), turn.observation);
            continue;
          }
          answered++;
          const isError = realIsError(turn);
          if (isError === true) errors++;
          const sameError = isError === undefined || hasClearErrorSign(answer.observation) === isError;
          if (answer.observation === turn.observation && sameError) agreed++;
          else
            disagreements.push(
              `${sessionId} turn ${turn.index}: ${JSON.stringify(turn.action)}\n  real: ${JSON.stringify(turn.observation)} (isError ${isError})\n  twin: ${JSON.stringify(answer.observation)}`,
            );
        }
        // A twin new to the session rebuilds the graph from the recorded history and answers the last turn alike.
        const last = record.turns.length - 1;
        if (last >= 0) {
          const fresh = createMemoryServerTwin();
          const rebuilt = await fresh.answer(requestFor(record, last, sessionId));
          assert.equal(rebuilt.kind, 'answered', `${sessionId}: rebuilt from history`);
          if (rebuilt.kind === 'answered') assert.equal(rebuilt.observation, record.turns[last]?.observation);
          await fresh.close();
        }
      }
      await twin.close();
      lines.push(
        `${name}: ${sessions.length} sessions, ${total} turns; answered ${answered} (${percent(answered, total)}), agreed ${agreed}/${answered} (${percent(agreed, answered)}); ${errors} error results; declined ${JSON.stringify([...declined])}`,
      );
      assert.deepEqual(disagreements, [], `${name}: every answered turn equals the real one`);
      // Recorded sessions hold only calls the server ran (the generator drops refused ones): all are answerable.
      assert.equal(answered, total, `${name}: declined ${JSON.stringify([...declined])}`);
    }
    console.log(`server-memory twin conformance:\n${lines.join('\n')}`);
  });
});

/** Calls the recorded sessions never make, with what the twin must do with each. */
const EDGE_CALLS: { name: string; arguments: Record<string, unknown>; twin: 'answer' | 'decline' }[] = [
  {
    name: 'create_entities',
    arguments: {
      entities: [
        { observations: ['math', 'math'], extra: 1, entityType: 'person', name: 'Ada' },
        { name: 'Ada', entityType: 'twin', observations: [] },
        { name: 'Bob', entityType: 'person', observations: ['ünïcode ✓', 'line\nbreak', '"quoted"'] },
      ],
      ignored: true,
    },
    twin: 'answer',
  },
  {
    name: 'add_observations',
    arguments: {
      observations: [
        { contents: ['poetry', 'math', 'poetry'], entityName: 'Ada' },
        { entityName: 'Ada', contents: ['poetry', 'engines'], note: 'x' },
      ],
    },
    twin: 'answer',
  },
  {
    name: 'add_observations',
    arguments: {
      observations: [
        { entityName: 'Bob', contents: ['kept?'] },
        { entityName: 'Nobody', contents: ['x'] },
        { entityName: 'Ghost', contents: ['y'] },
      ],
    },
    twin: 'answer',
  },
  {
    name: 'create_relations',
    arguments: {
      relations: [
        { relationType: 'knows', to: 'Bob', from: 'Ada' },
        { from: 'Ada', to: 'Bob', relationType: 'knows' },
        { from: 'Bob', to: 'Ghost', relationType: 'haunts', weight: 3 },
      ],
    },
    twin: 'answer',
  },
  {
    name: 'create_relations',
    arguments: { relations: [{ from: 'Ada', to: 'Bob', relationType: 'knows' }] },
    twin: 'answer',
  },
  { name: 'search_nodes', arguments: { query: 'ÜNÏ' }, twin: 'answer' },
  { name: 'search_nodes', arguments: { query: '' }, twin: 'answer' },
  { name: 'open_nodes', arguments: { names: ['Ada', 'Ada', 'Missing'] }, twin: 'answer' },
  { name: 'open_nodes', arguments: { names: [] }, twin: 'answer' },
  {
    name: 'delete_observations',
    arguments: {
      deletions: [
        { entityName: 'Ada', observations: ['math', 'x'] },
        { entityName: 'Nobody', observations: [] },
      ],
    },
    twin: 'answer',
  },
  {
    name: 'delete_relations',
    arguments: { relations: [{ from: 'Bob', to: 'Ghost', relationType: 'haunts' }] },
    twin: 'answer',
  },
  { name: 'read_graph', arguments: { unexpected: 1 }, twin: 'answer' },
  // Refused by the server before its handler runs: the twin declines (the SDK's zod text is not reproduced).
  {
    name: 'create_entities',
    arguments: { entities: [{ name: 'Cy', entityType: 'person' }] },
    twin: 'decline',
  },
  { name: 'search_nodes', arguments: { query: 7 }, twin: 'decline' },
  { name: 'open_nodes', arguments: {}, twin: 'decline' },
  { name: 'add_observations', arguments: { observations: 'Ada' }, twin: 'decline' },
  { name: 'forget_everything', arguments: {}, twin: 'decline' },
  { name: 'delete_entities', arguments: { entityNames: ['Bob', 'Missing'] }, twin: 'answer' },
  {
    name: 'create_entities',
    arguments: { entities: [{ name: 'Bob', entityType: 'again', observations: ['b'] }] },
    twin: 'answer',
  },
  { name: 'read_graph', arguments: {}, twin: 'answer' },
];

describe('server-memory twin on calls the sessions never make, live against the real server', () => {
  let directory: string;
  let server: McpServerEngine;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'agentworld-mcp-twin-edge-'));
    server = await McpServerEngine.start(memoryServerCommand(join(directory, 'memory.jsonl')), {
      serverName: 'server-memory',
    });
  });
  after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers them byte for byte and declines only what the server refuses before running', async () => {
    const record = SessionRecordSchema.parse(
      JSON.parse(
        readFileSync(join('training', 'fixtures', 'mcp-sessions.jsonl'), 'utf8').split('\n')[0] ?? '',
      ),
    );
    const twin = createMemoryServerTwin();
    const history: SessionRecord['turns'] = [];
    for (const [index, call] of EDGE_CALLS.entries()) {
      const action = { name: call.name, arguments: call.arguments };
      const real = await server.call(action);
      const request = {
        spec: record.spec,
        sessionId: 'edge',
        seed: 1,
        turnIndex: index + 1,
        action,
        messages: [],
        promptHash: '',
        history: [...history],
      } as unknown as PredictRequest;
      const answer = await twin.answer(request);
      const label = `#${index} ${call.name} ${JSON.stringify(call.arguments)}`;
      assert.equal(
        answer.kind === 'answered' ? 'answer' : 'decline',
        call.twin,
        `${label}: ${JSON.stringify(answer)}`,
      );
      if (answer.kind === 'answered') {
        assert.equal(answer.observation, real.observation, label);
        assert.equal(hasClearErrorSign(answer.observation), real.isError, `${label} isError`);
      } else {
        // The server refused it (an error result) and changed nothing: the twin's graph stays known.
        assert.equal(real.isError, true, `${label}: the real server refuses it`);
        await twin.absorb(request, real.observation);
        assert.deepEqual(answer.state.facts.graphKnown, true, label);
      }
      history.push({
        index: index + 1,
        action,
        prompt: '',
        observation: real.observation,
        provenance: { source: 'real', engine: 'real', promptHash: '' },
        events: [],
        checks: [],
        timing: { startedAt: new Date(0).toISOString(), durationMs: 0 },
      } as unknown as SessionRecord['turns'][number]);
    }
    await twin.close();
  });
});

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;
}
