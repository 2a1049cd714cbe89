/**
 * The real corpus (corpus/real/, recorded by `npm run corpus:real` from the real engines) replayed through the
 * whole session engine: every recorded observation and prompt comes back byte for byte, and every domain check
 * passes on every real observation (a failure means a check is wrong about the real tool).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readRealCorpus, readRealCorpusManifest, realCorpusDirectory } from '../../src/corpus/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';

/** What the corpus must hold: every real engine, both web dialects, varied tasks, at least 300 sessions. */
const REQUIRED_PARTS = ['terminal', 'swe', 'mcp', 'search', 'web-browsergym', 'web-playwright-mcp'];

describe('the real corpus', () => {
  it('holds at least 300 real sessions across terminal, swe, mcp, search and both web dialects, on varied tasks', async () => {
    const manifest = await readRealCorpusManifest();
    assert.deepEqual(Object.keys(manifest.parts).sort(), [...REQUIRED_PARTS].sort());
    assert.ok(manifest.sessions >= 300, `${manifest.sessions} sessions`);
    for (const name of REQUIRED_PARTS) {
      const part = manifest.parts[name];
      assert.ok(part !== undefined && part.sessions >= 40, `${name}: ${part?.sessions} sessions`);
      assert.ok(
        Object.keys(part.families).length >= 3,
        `${name}: families ${Object.keys(part.families).join(', ')}`,
      );
    }
    const terminalFamilies = Object.keys(manifest.parts.terminal?.families ?? {});
    for (const family of ['git', 'python', 'offline-packages', 'etc-files', 'long-output', 'interactive']) {
      assert.ok(terminalFamilies.includes(family), `terminal family ${family}`);
    }
    const records = await readRealCorpus();
    const dialects = new Set(records.map((record) => `${record.spec.domain}/${record.spec.dialect ?? ''}`));
    for (const dialect of [
      'terminal/terminus',
      'swe/mini-swe-agent',
      'swe/swe-agent',
      'swe/claude-code',
      'swe/gemini-cli',
      'mcp/mcp',
      'web/browsergym',
      'web/playwright-mcp',
    ]) {
      assert.ok(dialects.has(dialect), `no ${dialect} session in ${[...dialects].join(', ')}`);
    }
  });

  it('has a valid manifest whose parts are all present, recorded without a failed check', async () => {
    const manifest = await readRealCorpusManifest();
    assert.ok(Object.keys(manifest.parts).length > 0);
    let sessions = 0;
    for (const [name, part] of Object.entries(manifest.parts)) {
      assert.ok(existsSync(join(realCorpusDirectory(), part.file)), `${name}: ${part.file} is missing`);
      assert.deepEqual(part.failedChecks, [], `${name} was recorded with failed checks`);
      const records = await readRealCorpus({ parts: [name] });
      assert.equal(records.length, part.sessions, `${name}: manifest and file disagree`);
      assert.equal(
        records.reduce((sum, record) => sum + record.turns.length, 0),
        part.turns,
        `${name}: turn counts disagree`,
      );
      for (const record of records) {
        assert.ok(
          record.turns.every((turn) => turn.provenance.source === 'real'),
          `${record.id}: a turn not from a real engine`,
        );
      }
      sessions += records.length;
    }
    assert.equal(sessions, manifest.sessions);
  });

  it('replays every session byte for byte, every domain check passing on the real observations', async () => {
    const records = await readRealCorpus();
    const engine = await createReplayEngine({ sessions: records });
    const problems: string[] = [];
    try {
      for (const record of records) {
        const env = await createEnv(record.spec, { engine, id: `replay-${record.id}` });
        await env.reset({ seed: record.seed });
        for (const recorded of record.turns) {
          const result = await env.step(recorded.action);
          const turn = result.info.turn;
          if (result.observation !== recorded.observation)
            problems.push(`${record.id} turn ${turn.index}: observation`);
          if (turn.prompt !== recorded.prompt) problems.push(`${record.id} turn ${turn.index}: prompt`);
          for (const check of turn.checks) {
            if (check.status === 'fail')
              problems.push(`${record.id} turn ${turn.index}: ${check.id}: ${check.message}`);
          }
        }
        await env.close();
      }
    } finally {
      await engine.close();
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });
});
