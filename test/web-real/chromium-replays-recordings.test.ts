import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type PageServer, startPageServer } from '../../scripts/record-examples/web-pages.js';
import { SessionRecordSchema } from '../../src/core/turn.js';
import { RealWebEngine, withoutFileTimes } from '../../src/engines/real/web/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { examplePath } from '../helpers/index.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
// CI installs Chromium (.ci/run), so there a missing browser is a failure; elsewhere the test says why it skips.
const skip =
  !available && process.env.CI !== 'true' ? `${CHROMIUM} is not installed (apt-get install chromium)` : false;

const recordings = readFileSync(examplePath('sessions/web.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));

describe('web: the real Chromium (and the real @playwright/mcp server) still produce the recorded sessions', {
  skip,
}, () => {
  let pages: PageServer;
  before(async () => {
    assert.ok(available, `${CHROMIUM} is required here`);
    // The recordings name these URLs: the page server runs on the port they were recorded with.
    pages = await startPageServer(8765);
  });
  after(() => pages?.close());

  for (const record of recordings) {
    it(`${record.spec.dialect}: every recorded action gives the recorded observation`, async () => {
      const engine = new RealWebEngine();
      try {
        const env = await createEnv(record.spec, { engine });
        const reset = await env.reset({ seed: record.seed });
        assert.equal(reset.observation, record.initialObservation);
        for (const recorded of record.turns) {
          const result = await env.step(recorded.action);
          // The real Playwright MCP server names its snapshot files after the time: those times may differ.
          assert.equal(
            withoutFileTimes(result.observation),
            withoutFileTimes(recorded.observation),
            `turn ${recorded.index}`,
          );
          assert.equal(result.info.turn.provenance.source, 'real');
          assert.deepEqual(
            result.info.turn.checks.filter((check) => check.status === 'fail'),
            [],
            `turn ${recorded.index} checks`,
          );
        }
      } finally {
        await engine.close();
      }
    });
  }
});
