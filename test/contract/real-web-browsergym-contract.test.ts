/** The engine contract for the browsergym dialect with the real web engine (Debian's Chromium via playwright-core). */
import { readFileSync } from 'node:fs';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { findChromium, RealWebEngine } from '../../src/engines/real/web/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { examplePath } from '../helpers/index.js';

// The example spec alone is enough: its pages (initialState.data.pages) are served by the engine itself.
const spec = JSON.parse(readFileSync(examplePath('web-browsergym.json'), 'utf8')) as WorldSpecInput;

if (findChromium() !== undefined || process.env.CI === 'true') {
  engineContract({
    name: 'real-web (browsergym)',
    spec,
    seed: 7,
    actions: [
      'click("13")',
      'fill("10", "Ada Lovelace")\nselect_option("13", "Book request")',
      'check("19")',
    ],
    makeEngine: async () => new RealWebEngine({ browsergym: { actionTimeoutMs: 30_000 } }),
    invalidAction: { action: { code: 42 }, path: '$.code' },
  });
}
