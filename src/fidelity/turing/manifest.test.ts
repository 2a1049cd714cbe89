import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pinTuringManifest, readTuringManifest, turingManifestDifferences } from './manifest.js';
import { TURING_MANIFEST_FORMAT, type TuringManifest } from './schemas.js';

const scratch = mkdtempSync(join(tmpdir(), 'agentworld-turing-manifest-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function manifest(overrides: Partial<TuringManifest> = {}): TuringManifest {
  return {
    format: TURING_MANIFEST_FORMAT,
    version: 1,
    agentworldVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    predictions: 'predictions.jsonl',
    seed: 1,
    judge: {
      name: 'judge-a',
      baseUrl: 'http://a/v1',
      parameters: { temperature: 0 },
      promptHashes: { system: 'h1' },
      promptSource: 'builtin',
    },
    ...overrides,
  };
}

describe('turing manifest', () => {
  it('pins the seed, the judge and the model; paths, URLs and dates may differ', () => {
    const moved = manifest({
      predictions: 'elsewhere.jsonl',
      createdAt: '2027-01-01T00:00:00.000Z',
      judge: { ...manifest().judge, baseUrl: 'http://b/v1' },
    });
    assert.deepEqual(turingManifestDifferences(manifest(), moved), []);
    assert.deepEqual(turingManifestDifferences(manifest(), manifest({ seed: 2 })), ['seed: 1 ≠ 2']);
    assert.deepEqual(turingManifestDifferences(manifest(), manifest({ model: 'm' })), ['model: null ≠ "m"']);
  });

  it('writes on the first run, keeps an agreeing one, refuses a different order or unpinned verdicts', async () => {
    const out = join(scratch, 'turing.jsonl');
    assert.equal(await readTuringManifest(out), undefined);
    await pinTuringManifest(out, manifest(), false);
    assert.deepEqual(await readTuringManifest(out), manifest());
    await pinTuringManifest(out, manifest({ createdAt: '2027-01-01T00:00:00.000Z' }), true);
    await assert.rejects(
      pinTuringManifest(out, manifest({ seed: 7 }), true),
      /different turing run.*seed: 1 ≠ 7/,
    );
    await assert.rejects(
      pinTuringManifest(join(scratch, 'orphan.jsonl'), manifest(), true),
      /already holds verdicts but has no manifest/,
    );
  });
});
