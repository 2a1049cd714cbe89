import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SessionRecordSchema } from '../../core/turn.js';
import {
  buildMcpSequence,
  MCP_LAYOUT_ID,
  mcpCallOfAction,
  mcpPromptIds,
  mcpSessionSequence,
  mcpSystemLine,
  renderMcpCall,
} from './mcp-sequence-layout.js';
import { findPython } from './python-probe.js';
import { BOS_ID, byteIds, EOS_ID, idsToText } from './sequence-layout.js';

const fixture = join(process.cwd(), 'training', 'fixtures', 'mcp-sessions.jsonl');
const lines = readFileSync(fixture, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
const records = lines.map((line) => SessionRecordSchema.parse(JSON.parse(line)));

interface Dumped {
  readonly id: string;
  readonly layout: string;
  readonly ids: number[] | null;
  readonly lossMask: number[] | null;
}

function dumpWithPython(interpreter: string, file: string): Dumped[] {
  const dumped = spawnSync(interpreter, [join('training', 'layout.py'), 'dump', file], { encoding: 'utf8' });
  assert.equal(dumped.status, 0, dumped.stderr);
  return dumped.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Dumped);
}

function assertSameAsPython(
  interpreter: string,
  file: string,
  plain: readonly Record<string, unknown>[],
): number {
  const fromPython = dumpWithPython(interpreter, file);
  assert.equal(fromPython.length, plain.length);
  let compared = 0;
  for (const [index, record] of plain.entries()) {
    const expected = fromPython[index];
    assert.equal(expected?.id, record.id);
    assert.equal(expected?.layout, MCP_LAYOUT_ID);
    const sequence = mcpSessionSequence(record as Parameters<typeof mcpSessionSequence>[0]);
    if (expected?.ids === null) {
      assert.equal(sequence, undefined, `${String(record.id)} fits the layout in TypeScript only`);
      continue;
    }
    assert.ok(sequence !== undefined, `${String(record.id)} fits the layout in Python only`);
    assert.deepEqual(sequence.ids, expected?.ids, String(record.id));
    assert.deepEqual(sequence.lossMask, expected?.lossMask, String(record.id));
    compared++;
  }
  return compared;
}

/** Variants of the first fixture record that probe the JSON writing and the rules for what fits. */
interface PlainRecord {
  id: unknown;
  turns: { action: unknown; events: unknown[] }[];
  spec: { initialState: { data: Record<string, unknown> } };
}

function firstTurn(record: PlainRecord): { action: unknown; events: unknown[] } {
  const turn = record.turns[0];
  assert.ok(turn !== undefined);
  return turn;
}

/** Variants of a fixture record that probe the JSON writing and the rules for what fits. */
function variants(): Record<string, unknown>[] {
  const base = JSON.parse(lines[2] as string) as PlainRecord;
  const variant = (id: string, change: (record: PlainRecord) => void): Record<string, unknown> => {
    const copy = structuredClone(base);
    copy.id = id;
    change(copy);
    return copy as unknown as Record<string, unknown>;
  };
  return [
    variant('json-writing', (record) => {
      firstTurn(record).action = {
        name: 'search_nodes',
        arguments: {
          z: 0,
          '10': [1.5, -0, 1e21, 1e-7, 0.000001, 123.456, 2 ** 53, 5e-324],
          '2': 'é ✓ "q" \\ \n\t\b\f\r \u0001 \u007f \u2028 \udc00 😀',
          '-1': { nested: [true, null, {}] },
          '4294967295': 'not an index',
        },
      };
    }),
    variant('missing-arguments-no-server', (record) => {
      firstTurn(record).action = { name: 'read_graph' };
      delete record.spec.initialState.data.serverName;
    }),
    variant('sign-mismatch', (record) => {
      firstTurn(record).events.push({
        type: 'datagen.error-sign-mismatch',
        data: { isError: true },
      });
    }),
    variant('name-with-space', (record) => {
      firstTurn(record).action = { name: 'read graph', arguments: {} };
    }),
    variant('arguments-not-an-object', (record) => {
      firstTurn(record).action = { name: 'read_graph', arguments: [1] };
    }),
    variant('two-line-server', (record) => {
      record.spec.initialState.data.serverName = 'a\nb';
    }),
  ];
}

describe('mcp byte layout', () => {
  it('gives the same ids and loss mask as training/layout.py for every fixture session', (context) => {
    const interpreter = findPython();
    if (interpreter === undefined) {
      context.skip('python3 is not installed');
      return;
    }
    const plain = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(assertSameAsPython(interpreter, fixture, plain), 3);
  });

  it('writes arguments and decides what fits as training/layout.py does', (context) => {
    const interpreter = findPython();
    if (interpreter === undefined) {
      context.skip('python3 is not installed');
      return;
    }
    const directory = mkdtempSync(join(tmpdir(), 'agentworld-mcp-layout-'));
    try {
      const file = join(directory, 'variants.jsonl');
      const plain = variants();
      writeFileSync(file, `${plain.map((record) => JSON.stringify(record)).join('\n')}\n`);
      assert.equal(assertSameAsPython(interpreter, file, plain), 2);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('lays out a session as <s> system line, then call line, observation and </s> per turn', () => {
    const record = records[0];
    assert.ok(record !== undefined);
    const sequence = mcpSessionSequence(record);
    assert.ok(sequence !== undefined);
    assert.equal(sequence.ids[0], BOS_ID);
    const head = 1 + byteIds(mcpSystemLine('server-memory')).length;
    assert.equal(idsToText(sequence.ids.slice(1, head)), 'agentworld mcp server-memory\n');
    const first = record.turns[0];
    assert.ok(first !== undefined);
    const echo = `call create_entities ${JSON.stringify((first.action as { arguments: unknown }).arguments)}\n`;
    assert.equal(idsToText(sequence.ids.slice(head, head + byteIds(echo).length)), echo);
    const targetStart = head + byteIds(echo).length;
    assert.ok(sequence.lossMask.slice(0, targetStart).every((bit) => bit === 0));
    const end = sequence.ids.indexOf(EOS_ID);
    assert.equal(idsToText(sequence.ids.slice(targetStart, end)), first.observation);
    assert.ok(sequence.lossMask.slice(targetStart, end + 1).every((bit) => bit === 1));
    assert.equal(sequence.ids.filter((id) => id === EOS_ID).length, record.turns.length);
  });

  it('builds the engine prompt as the recorded sequence up to the call line of the next turn', () => {
    const record = records[1];
    assert.ok(record !== undefined);
    const sequence = mcpSessionSequence(record);
    assert.ok(sequence !== undefined);
    const turn = 4;
    const history = record.turns.slice(0, turn);
    const next = record.turns[turn];
    assert.ok(next !== undefined);
    const prompt = mcpPromptIds('server-memory', history, next.action);
    assert.ok(prompt !== undefined);
    assert.deepEqual(prompt, sequence.ids.slice(0, prompt.length));
    assert.ok(
      sequence.lossMask.slice(0, prompt.length).every((bit, index) => bit === 0 || index < prompt.length),
    );
    assert.equal(sequence.lossMask[prompt.length], 1);
    assert.equal(sequence.lossMask[prompt.length - 1], 0);
    assert.equal(mcpPromptIds('server-memory', history, { name: 'x y' }), undefined);
  });

  it('reads only one-call actions and keeps error results as their text', () => {
    assert.deepEqual(mcpCallOfAction({ name: 'read_graph' }), { name: 'read_graph', arguments: {} });
    assert.equal(mcpCallOfAction([{ keystrokes: 'ls\n' }]), undefined);
    assert.equal(mcpCallOfAction({ arguments: {} }), undefined);
    assert.equal(
      renderMcpCall({ name: 'open_nodes', arguments: { names: ['a'] } }),
      'call open_nodes {"names":["a"]}\n',
    );
    const failing = buildMcpSequence(undefined, [
      { echo: 'call x {}\n', target: 'Entity with name A not found' },
    ]);
    assert.equal(idsToText(failing.ids), 'agentworld mcp\ncall x {}\nEntity with name A not found');
    assert.equal(mcpSessionSequence({ spec: { domain: 'terminal' }, turns: [] }), undefined);
  });
});
