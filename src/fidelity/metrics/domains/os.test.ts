import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../../core/turn.js';
import type { BenchRow } from '../../schemas.js';
import { allRows, readRecords, withPrevious } from '../corpus-rows.test-data.js';
import { judgeFreeMetrics } from '../judge-free.js';
import { osDesktopState } from './os.js';

const MARKER = /^\*\*Environment Observation:\*\*\n/;

function truthOf(row: BenchRow): string {
  return (row.response[row.turn_idx - 1] ?? '').replace(MARKER, '');
}

async function osRows(): Promise<Array<{ record: SessionRecord; row: BenchRow }>> {
  return allRows(await readRecords('examples/sessions/os.jsonl'));
}

/** The row of a session whose evaluated action (its `current_prompt`) matches. */
function rowWhere(
  rows: ReadonlyArray<{ record: SessionRecord; row: BenchRow }>,
  dialect: string,
  action: RegExp,
): BenchRow {
  const found = rows.find(
    ({ record, row }) =>
      record.spec.dialect === dialect && action.test(row.current_prompt.split('**Action:**').at(-1) ?? ''),
  );
  assert.ok(found, `a ${dialect} turn matching ${action}`);
  return found.row;
}

describe('os state-change metric', () => {
  it('the ground truth is correct on every os example row; some turns change the desktop, some do not', async () => {
    const rows = await osRows();
    assert.ok(rows.length >= 14, `rows: ${rows.length}`);
    let changed = 0;
    let unchanged = 0;
    for (const { row } of rows) {
      const metrics = judgeFreeMetrics(row, truthOf(row));
      assert.ok(metrics.stateChange, `${row.turn_idx}: a state-change metric`);
      assert.deepEqual(metrics.stateChange.differences, [], `${row.turn_idx}`);
      assert.equal(metrics.stateChange.correct, true);
      if (metrics.stateChange.changed) changed++;
      else unchanged++;
    }
    assert.ok(changed > 0 && unchanged > 0, `changed ${changed}, unchanged ${unchanged}`);
  });

  it('the previous screen predicted for the turn that opens Save As is wrong on window and focus', async () => {
    const rows = await osRows();
    for (const [dialect, action] of [
      ['pyautogui', /hotkey\('ctrl', 's'\)/],
      ['computer13', /"HOTKEY"[\s\S]*"s"/],
    ] as const) {
      const row = rowWhere(rows, dialect, action);
      assert.match(truthOf(row), /^dialog\tSave As\t/m);
      const metrics = judgeFreeMetrics(row, withPrevious(row).replace(MARKER, ''));
      assert.equal(metrics.stateChange?.changed, true, dialect);
      assert.equal(metrics.stateChange?.correct, false, dialect);
      for (const field of ['activeWindow', 'windows', 'focusedElement', 'focusedText']) {
        assert.ok(metrics.stateChange?.differences.includes(field), `${dialect}: ${field}`);
      }
    }
  });

  it('a prediction with the right window but another field under the click has the wrong focused element', async () => {
    const row = rowWhere(await osRows(), 'pyautogui', /tripleClick\(870, 319\)/);
    const truth = truthOf(row);
    assert.match(truth, /^text\tName\tmeeting-notes\.txt\t/m);
    const otherField = truth.replace(/^text\tName\t/m, 'text\tSearch\t');
    const metrics = judgeFreeMetrics(row, otherField);
    assert.equal(metrics.stateChange?.changed, true);
    assert.equal(metrics.stateChange?.correct, false);
    assert.deepEqual(metrics.stateChange?.differences, ['focusedElement']);
  });

  it('text typed into the wrong field leaves the focused field with the wrong text', async () => {
    const row = rowWhere(await osRows(), 'computer13', /"TYPING"[\s\S]*meeting-notes/);
    const truth = truthOf(row);
    const intoEditor = truth
      .replace(/^(text\tName\t)meeting-notes\.txt\t/m, '$1Untitled Document 1\t')
      .replace(/^(text\t\tDesign review [^\t]*)\t/m, '$1meeting-notes.txt\t');
    assert.notEqual(intoEditor, truth);
    const metrics = judgeFreeMetrics(row, intoEditor);
    assert.equal(metrics.stateChange?.correct, false);
    assert.deepEqual(metrics.stateChange?.differences, ['focusedText']);
  });

  it('a turn that leaves the desktop as it was is unchanged, and the previous screen is then correct', async () => {
    const row = rowWhere(await osRows(), 'computer13', /"DONE"/);
    const metrics = judgeFreeMetrics(row, withPrevious(row).replace(MARKER, ''));
    assert.deepEqual(metrics.stateChange, { changed: false, correct: true, differences: [] });
  });
});

describe('osDesktopState', () => {
  const header = 'tag\tname\ttext\tclass\tdescription\tposition (top-left x&y)\tsize (w&h)';

  it('reads the active window, its application, the open windows and the focused field of an AgentWorld table', () => {
    const table = [
      header,
      'push-button\tActivities\t""\t\t\t(0, 0)\t(98, 27)',
      'frame\tnotes.txt - Text Editor\t""\t\t\t(70, 27)\t(1850, 1053)',
      'text\t\tfirst line\t\t\t(70, 111)\t(1850, 931)',
      'frame\tTerminal\t""\tgnome-terminal-server\t\t(300, 200)\t(800, 500)',
      'terminal\tTerminal\tuser@host:~$ ls\t\t\t(300, 240)\t(800, 460)',
    ].join('\n');
    assert.deepEqual(osDesktopState(table), {
      activeApplication: 'gnome-terminal-server',
      activeWindow: { role: 'frame', name: 'Terminal' },
      windows: [
        { role: 'frame', name: 'notes.txt - Text Editor' },
        { role: 'frame', name: 'Terminal' },
      ],
      focusedElement: { role: 'terminal', name: 'Terminal' },
      focusedText: 'user@host:~$ ls',
    });
    const editorOnTop = table.split('\n').slice(0, 4).join('\n');
    assert.equal(osDesktopState(editorOnTop).activeApplication, 'Text Editor', 'from the title suffix');
  });

  it("reads OSWorld's own linearisation (no window rows, no focus column): focus from the pointer, else none", () => {
    const table = [
      header,
      'push-button\tActivities\t""\t\t\t(0, 0)\t(98, 27)',
      'entry\tAddress and search bar\thttps://example.org\t\t\t(200, 80)\t(900, 34)',
      'entry\tSearch\t""\t\t\t(1200, 80)\t(300, 34)',
    ].join('\n');
    const none = osDesktopState(table);
    assert.equal(none.activeWindow, null);
    assert.deepEqual(none.windows, []);
    assert.equal(none.focusedElement, null, 'two fields and no pointer: focus unknown');
    const clicked = osDesktopState(table, { x: 1300, y: 90 });
    assert.deepEqual(clicked.focusedElement, { role: 'entry', name: 'Search' });
    assert.equal(clicked.focusedText, '');
    const typed = osDesktopState(table, null, ['example.org']);
    assert.deepEqual(typed.focusedElement, { role: 'entry', name: 'Address and search bar' });
  });
});
