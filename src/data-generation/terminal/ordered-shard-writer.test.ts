import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { OrderedShardWriter } from './ordered-shard-writer.js';

const directory = mkdtempSync(join(tmpdir(), 'agentworld-shard-test-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('OrderedShardWriter', () => {
  it('writes lines in slot order as soon as every earlier slot is known, skipping dropped ones', () => {
    const writer = new OrderedShardWriter(join(directory, 'out'), 3);
    const read = (): string => readFileSync(writer.path, 'utf8');
    assert.equal(writer.path, join(directory, 'out', 'shard-3.jsonl'));
    writer.put(1, '{"b":1}');
    assert.equal(read(), '');
    writer.put(0, '{"a":0}');
    assert.equal(read(), '{"a":0}\n{"b":1}\n');
    writer.put(3, '{"d":3}');
    writer.put(2, null);
    assert.equal(read(), '{"a":0}\n{"b":1}\n{"d":3}\n');
    writer.close();
  });
});
