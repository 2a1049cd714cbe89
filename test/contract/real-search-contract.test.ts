/** The engine contract for the search domain, with the real search engine over the shipped Debian corpus. */
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { RealSearchEngine } from '../../src/engines/real/search/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';

const spec: WorldSpecInput = {
  version: 1,
  id: 'search-debian-docs',
  domain: 'search',
  dialect: 'search',
  task: 'Find out how apt-get installs a package and note the command.',
  initialState: { text: 'The agent starts with an empty memory.', data: {} },
  seed: 7,
};

engineContract({
  name: 'real-search (shipped Debian documentation corpus)',
  spec,
  seed: 7,
  actions: [
    { name: 'web_search', arguments: { queries: ['apt-get install package', 'valgrind memcheck leak'] } },
    { name: 'dict_memory', arguments: { operation: 'add', dict: { install: 'apt-get install <package>' } } },
    { name: 'web_extractor', arguments: { url: 'https://debian.example/usr/share/man/man8/apt-get.8' } },
  ],
  makeEngine: async () => new RealSearchEngine(),
  invalidAction: { action: { name: 42, arguments: {} }, path: '$.name' },
});

engineContract({
  name: 'real-search (memory across a restored session)',
  spec: {
    ...spec,
    id: 'search-debian-memory',
    initialState: { text: 'Notes.', data: { memory: { seen: 1 } } },
  },
  seed: 7,
  actions: [
    { name: 'dict_memory', arguments: { operation: 'add', dict: { tool: 'apt-get' } } },
    { name: 'dict_memory', arguments: { operation: 'remove', key_list: ['seen', 'ghost'] } },
    { name: 'dict_memory', arguments: { operation: 'retrieve_all' } },
  ],
  makeEngine: async () => new RealSearchEngine(),
  invalidAction: { action: { name: 'dict_memory', arguments: 'not json' }, path: '$.arguments' },
});
