/**
 * Conformance of the accessibility table (the observation of both os dialects) with OSWorld's own rules (no
 * harness runs here). Source: mm_agents/agent.py:86-103 (`linearize_accessibility_tree`, pkueecszc/OSWorld
 * eac51b5 = karakuri-ai/OSWorld-JP, per real-formats.md §8). The computer_13 actions' conformance is in
 * dialects/computer13/conformance.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { parseDesktopTable } from './accessibility-table.js';
import { parseOsAction } from './actions.js';
import { checkOsObservation } from './checks.js';
import { GEDIT_EMPTY } from './fixtures/gedit-desktop.js';
import { createOsLedger } from './ledger.js';
import { renderDesktopRow, rerenderDesktopTable } from './table-render.js';

const computer13 = WorldSpecSchema.parse({ domain: 'os', dialect: 'computer13' });

/** Rows as OSWorld's linearisation prints them (agent.py:102-103 writes `""` for an empty text). */
const REAL_ROWS = [
  {
    row: {
      tag: 'push-button',
      name: 'Activities',
      text: '',
      className: '',
      description: '',
      position: '(0, 0)',
      size: '(98, 27)',
    },
    expected: 'push-button\tActivities\t""\t\t\t(0, 0)\t(98, 27)',
  },
  {
    row: {
      tag: 'label',
      name: 'Quote',
      text: 'say "hi"',
      className: '',
      description: '',
      position: '(5, 6)',
      size: '(7, 8)',
    },
    expected: 'label\tQuote\t"say ""hi"""\t\t\t(5, 6)\t(7, 8)',
  },
];

describe('os table conformance with OSWorld', () => {
  for (const { row, expected } of REAL_ROWS) {
    it(`writes ${row.name} as OSWorld does`, () => {
      assert.equal(renderDesktopRow(row), expected);
      const parsed = parseDesktopTable(
        `tag\tname\ttext\tclass\tdescription\tposition (top-left x&y)\tsize (w&h)\n${expected}`,
      );
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.nodes[0]?.text, row.text);
    });
  }

  it('the fixture table writes "" in every empty text cell, parses cleanly and re-renders byte for byte', () => {
    const table = parseDesktopTable(GEDIT_EMPTY);
    assert.deepEqual(table.problems, []);
    const lines = GEDIT_EMPTY.split('\n').slice(1);
    for (const line of lines) assert.notEqual(line.split('\t')[2], '', line);
    assert.equal(rerenderDesktopTable(GEDIT_EMPTY), GEDIT_EMPTY);
  });

  it('the fixture table passes the os checks', () => {
    const results = checkOsObservation({
      spec: computer13,
      turnIndex: 1,
      action: parseOsAction({ action_type: 'WAIT' }, computer13),
      ledger: createOsLedger(computer13),
      observation: GEDIT_EMPTY,
    });
    assert.deepEqual(
      results.filter((result) => result.status === 'fail').map((result) => result.id),
      [],
    );
  });
});
