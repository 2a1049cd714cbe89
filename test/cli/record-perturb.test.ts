import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { CLI_HANG_GUARD_MS, runCli, temporaryFolder } from './run-cli.js';

const shell = (line: string): string => JSON.stringify([{ keystrokes: `${line}\n`, duration: 5 }]);

describe('agentworld record --perturb', { timeout: CLI_HANG_GUARD_MS }, () => {
  let folder: ReturnType<typeof temporaryFolder>;
  before(() => {
    folder = temporaryFolder('record-perturb');
  });
  after(() => folder.remove());

  it("renders a perturbation into a real terminal session's turn: provenance injected, origin real", async () => {
    const actions = join(folder.path, 'actions.jsonl');
    writeFileSync(actions, `${shell('echo one > a.txt')}\n${shell('echo two > b.txt && ls')}\n`);
    const out = join(folder.path, 'out.jsonl');
    const run = await runCli([
      'record',
      'terminal',
      '--engine',
      'real',
      '--actions',
      actions,
      '--out',
      out,
      '--no-store',
      '--perturb',
      'no-space-left:turn=2',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const [record] = parseSessionLines(readFileSync(out, 'utf8'), out) as [SessionRecord];
    assert.equal(record.turns.length, 2);
    const [first, second] = record.turns as [SessionRecord['turns'][number], SessionRecord['turns'][number]];
    // Turn 1 is the real shell's own screen; turn 2 the real screen with the disk-full rendering.
    assert.equal(first.provenance.source, 'real');
    assert.equal(second.provenance.source, 'injected');
    assert.equal(second.provenance.origin?.source, 'real');
    assert.equal(second.provenance.origin?.engine, 'real');
    assert.match(second.observation, /No space left on device/);
    assert.doesNotMatch(second.observation, /^a\.txt/m, 'the write failed, so ls does not list b.txt');
    const injected = second.events.find((event) => event.type === 'perturbation.injected');
    assert.equal(injected?.data?.perturbation, 'no-space-left');
    assert.equal(injected?.data?.rendered, true);
    assert.equal(injected?.data?.manifested, true);
    assert.equal(second.checks.find((check) => check.id === 'perturbation:no-space-left')?.status, 'pass');
    assert.equal(
      first.events.some((event) => event.type === 'perturbation.injected'),
      false,
    );
  });
});
