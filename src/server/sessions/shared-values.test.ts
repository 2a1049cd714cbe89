import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseWorldSpec } from '../../session/create-env.js';
import { SharedValues } from './shared-values.js';

const terminal = JSON.parse(
  readFileSync(new URL('../../../examples/terminal.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const specNamed = (name: string) => parseWorldSpec({ ...terminal, description: name });

describe('SharedValues', () => {
  it('hands out one copy of equal specs and prompts', () => {
    const shared = new SharedValues();
    const first = shared.spec(specNamed('a'));
    assert.equal(shared.spec(specNamed('a')), first);
    assert.notEqual(shared.spec(specNamed('b')), first);
    const prompt = shared.prompt(['system', 'prompt'].join(' '));
    assert.equal(shared.prompt(['system', 'prompt'].join(' ')), prompt);
    assert.equal(shared.size.values, 3);
  });

  it('keeps at most maxValues per table, forgetting the least recently used', () => {
    const shared = new SharedValues({ maxValues: 3 });
    const kept = shared.spec(specNamed('kept'));
    for (let index = 0; index < 50; index += 1) {
      shared.spec(specNamed(`world ${index}`));
      shared.prompt(`prompt ${index}`);
      // Handed out again and again: the most recently used, never the one forgotten.
      assert.equal(shared.spec(specNamed('kept')), kept);
    }
    assert.equal(shared.size.values, 6);
  });

  it('keeps at most maxCharacters per table, whatever the number of values', () => {
    const shared = new SharedValues({ maxValues: 256, maxCharacters: 3000 });
    for (let index = 0; index < 100; index += 1) shared.prompt(`${index} `.padEnd(1000, 'x'));
    assert.deepEqual(shared.size, { values: 3, characters: 3000 });
    const spec = specNamed('large');
    const specCharacters = JSON.stringify(spec).length;
    assert.ok(specCharacters <= 3000, `the example spec is ${specCharacters} characters`);
    shared.spec(spec);
    assert.deepEqual(shared.size, { values: 4, characters: 3000 + specCharacters });
  });

  it('hands a value longer than maxCharacters back unshared, without holding it', () => {
    const shared = new SharedValues({ maxCharacters: 100 });
    const long = 'y'.repeat(101);
    assert.equal(shared.prompt(long), long);
    assert.deepEqual(shared.size, { values: 0, characters: 0 });
  });
});
