/** The engine contract against the real MCP engine, proxying the reference server-everything over stdio. */
import { readFileSync } from 'node:fs';
import { createRealMcpEngine } from '../../src/engines/real/mcp/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { examplePath } from '../helpers/index.js';

engineContract({
  name: 'real mcp (server-everything over stdio)',
  spec: JSON.parse(readFileSync(examplePath('mcp.json'), 'utf8')),
  seed: 5,
  actions: [
    { name: 'echo', arguments: { message: 'hello' } },
    { name: 'get-sum', arguments: { a: 2, b: 3 } },
    { name: 'get-structured-content', arguments: { location: 'Chicago' } },
  ],
  makeEngine: async () => createRealMcpEngine({ server: { kind: 'known', name: 'everything' } }),
  invalidAction: { action: { name: 'echo', arguments: ['not', 'an', 'object'] }, path: '$.arguments' },
});
