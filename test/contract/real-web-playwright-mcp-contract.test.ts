/** The engine contract for the playwright-mcp dialect with the real web engine (the real @playwright/mcp server). */
import { readFileSync } from 'node:fs';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { findChromium, RealWebEngine } from '../../src/engines/real/web/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { examplePath } from '../helpers/index.js';

// The example spec alone is enough: its pages (initialState.data.pages) are served by the engine itself.
const spec = JSON.parse(readFileSync(examplePath('web-playwright-mcp.json'), 'utf8')) as WorldSpecInput;

if (findChromium() !== undefined || process.env.CI === 'true') {
  engineContract({
    name: 'real-web (playwright-mcp)',
    spec,
    seed: 7,
    // Actions whose results name no snapshot file (the server names those after the time they were written).
    actions: [
      { name: 'browser_snapshot', arguments: {} },
      {
        name: 'browser_evaluate',
        arguments: {
          function:
            "() => { document.querySelector('h1').textContent = 'Corner Library (closed today)'; return document.title; }",
        },
      },
      { name: 'browser_snapshot', arguments: {} },
    ],
    makeEngine: async () => new RealWebEngine(),
    // Arguments against a tool's schema are the server's error result, not refused; arguments that are no
    // object are no MCP tool call at all.
    invalidAction: { action: { name: 'browser_navigate', arguments: [3] }, path: '$.arguments' },
  });
}
