/** The engine contract against the real terminal (bash in bubblewrap), with the example terminal world. */
import { createRealTerminalEngine } from '../../src/engines/real/terminal/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';

engineContract({
  name: 'real terminal (bash in bubblewrap)',
  spec: {
    id: 'real-terminal-contract',
    domain: 'terminal',
    dialect: 'terminus',
    task: 'Write and read a file.',
    initialState: { data: { cwd: '/workspace', user: 'root', host: 'contract', home: '/root' } },
  },
  seed: 3,
  actions: [
    [{ keystrokes: 'echo alpha > a.txt\n', duration: 30 }],
    [{ keystrokes: 'cat a.txt; pwd\n', duration: 30 }],
    [{ keystrokes: 'mkdir -p d && cd d && ls ..\n', duration: 30 }],
  ],
  makeEngine: async () => createRealTerminalEngine(),
  // Terminus-2's JSON parser refuses a command without keystrokes outright ("Command 1 missing required
  // 'keystrokes' field"); a wrong-typed duration only warns and waits 1.0.
  invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
});
