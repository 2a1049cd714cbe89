import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distance } from 'fastest-levenshtein';
import { diffKindFor, diffObservations, editSimilarity, jsonPath } from './index.js';

describe('diffKindFor', () => {
  it('picks lines for screens, json for tool results, nodes for GUI trees', () => {
    assert.equal(diffKindFor('terminal'), 'lines');
    assert.equal(diffKindFor('swe'), 'lines');
    assert.equal(diffKindFor('mcp'), 'json');
    assert.equal(diffKindFor('search'), 'json');
    for (const domain of ['web', 'android', 'os']) assert.equal(diffKindFor(domain), 'nodes');
  });
});

describe('diffObservations', () => {
  it('lines: changes, additions and removals with 1-based line numbers', () => {
    const diff = diffObservations('lines', 'a\nb\nc\nd', 'a\nB\nc\nx\ny\n');
    assert.deepEqual(diff, {
      kind: 'lines',
      entries: [
        { op: 'change', at: 'line 2', primary: 'b', shadow: 'B' },
        { op: 'change', at: 'line 4', primary: 'd', shadow: 'x' },
        { op: 'add', at: 'line 5', shadow: 'y' },
        { op: 'add', at: 'line 6', shadow: '' },
      ],
      omitted: 0,
    });
    assert.deepEqual(diffObservations('lines', 'a\nb\nc', 'a\nc').entries, [
      { op: 'remove', at: 'line 2', primary: 'b' },
    ]);
    assert.deepEqual(diffObservations('lines', 'same', 'same').entries, []);
  });

  it('json: paths of created, removed and changed values (mcp structured results, search)', () => {
    const primary = JSON.stringify({ results: [{ title: 'A', url: 'u1' }], total: 1, 'odd key': true });
    const shadow = JSON.stringify({ results: [{ title: 'B', url: 'u1' }, { title: 'C' }], total: 1 });
    const diff = diffObservations('json', primary, shadow);
    assert.equal(diff.kind, 'json');
    assert.deepEqual(diff.entries, [
      { op: 'change', at: '$.results[0].title', primary: '"A"', shadow: '"B"' },
      { op: 'add', at: '$.results[1]', shadow: '{"title":"C"}' },
      { op: 'remove', at: '$["odd key"]', primary: 'true' },
    ]);
  });

  it('json falls back to lines when a side is not JSON', () => {
    const diff = diffObservations('json', 'Echo: hi', '{"text":"Echo: hi"}');
    assert.equal(diff.kind, 'lines');
    assert.deepEqual(diff.entries, [
      { op: 'change', at: 'line 1', primary: 'Echo: hi', shadow: '{"text":"Echo: hi"}' },
    ]);
  });

  it('nodes: accessibility-tree nodes compared with their depth, shown without indentation', () => {
    const primary = [
      "RootWebArea 'Shop', focused",
      "\t[6] heading 'Cart'",
      "\t[7] button 'Checkout'",
      "\t\tStaticText 'Checkout'",
    ].join('\n');
    const shadow = [
      "RootWebArea 'Shop', focused",
      "\t[6] heading 'Cart'",
      '',
      "\t[7] button 'Pay now'",
      "\tStaticText 'Checkout'",
      "\t[8] link 'Help'",
    ].join('\n');
    const diff = diffObservations('nodes', primary, shadow);
    assert.deepEqual(diff, {
      kind: 'nodes',
      entries: [
        { op: 'change', at: 'node 3', primary: "[7] button 'Checkout'", shadow: "[7] button 'Pay now'" },
        // Same text one level up is a different node.
        { op: 'change', at: 'node 4', primary: "StaticText 'Checkout'", shadow: "StaticText 'Checkout'" },
        { op: 'add', at: 'node 5', shadow: "[8] link 'Help'" },
      ],
      omitted: 0,
    });
  });

  it('caps the entries and the length of each value, and counts what it left out', () => {
    const primary = Array.from({ length: 30 }, (_, index) => `row ${index}`).join('\n');
    const shadow = Array.from({ length: 30 }, (_, index) => `ROW ${index} ${'x'.repeat(300)}`).join('\n');
    const diff = diffObservations('lines', primary, shadow, { maxEntries: 5, maxValueChars: 20 });
    assert.equal(diff.entries.length, 5);
    assert.equal(diff.omitted, 25);
    assert.equal(diff.entries[0]?.shadow?.length, 20);
    assert.ok(diff.entries[0]?.shadow?.endsWith('…'));
  });
});

describe('editSimilarity', () => {
  it('is 1 − Levenshtein distance / longer length', () => {
    assert.equal(editSimilarity('', ''), 1);
    assert.equal(editSimilarity('abcd', 'abcd'), 1);
    assert.equal(editSimilarity('abcd', 'abxd'), 0.75);
    assert.equal(editSimilarity('abcd', ''), 0);
    assert.equal(editSimilarity('kitten', 'sitting'), 1 - 3 / 7);
  });

  it('estimates very long pairs from their lines', () => {
    const line = 'y'.repeat(99);
    const primary = Array.from({ length: 1000 }, () => line).join('\n');
    // Different at both ends, so what lies between the common ends is still long.
    const shadow = `${'z'.repeat(99)}${primary.slice(99, -99)}${'z'.repeat(99)}`;
    const similarity = editSimilarity(primary, shadow);
    assert.ok(similarity > 0.99 && similarity < 1, String(similarity));
  });
});

describe('editSimilarity on long texts that share their ends', () => {
  it('is exact: the shared prefix and suffix cost nothing', () => {
    const middle = 'line of output\n'.repeat(2_000);
    const primary = `${middle}first ending\n$ `;
    const shadow = `${middle}second ending, longer\n$ `;
    const longer = Math.max(primary.length, shadow.length);
    assert.equal(editSimilarity(primary, shadow), 1 - distance(primary, shadow) / longer);
    assert.equal(editSimilarity('abc-xyz-abc', 'abc-xz-abc'), 1 - distance('abc-xyz-abc', 'abc-xz-abc') / 11);
  });
});

describe('jsonPath', () => {
  it('writes identifiers with dots, indexes and other keys in brackets', () => {
    assert.equal(jsonPath([]), '$');
    assert.equal(jsonPath(['a', 0, 'b c', '_x']), '$.a[0]["b c"]._x');
  });
});
