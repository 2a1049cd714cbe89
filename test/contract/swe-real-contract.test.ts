/** The engine contract for every swe dialect, with the real swe engine (git in a bubblewrap sandbox). */
import { readFileSync } from 'node:fs';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { RealSweEngine } from '../../src/engines/real/swe/index.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { examplePath } from '../helpers/index.js';

const makeEngine = async () => new RealSweEngine({ commandTimeoutSeconds: 60 });
const spec = (dialect: string): WorldSpecInput =>
  JSON.parse(readFileSync(examplePath(`swe-${dialect}.json`), 'utf8')) as WorldSpecInput;
const CHECK = "python3 -c 'from calc import add; print(add(2, 3))'";

engineContract({
  name: 'real-swe (claude-code)',
  spec: spec('claude-code'),
  seed: 7,
  actions: [
    { name: 'Read', arguments: '{"file_path":"/home/dev/calc/calc.py"}' },
    {
      name: 'Edit',
      arguments: { file_path: '/home/dev/calc/calc.py', old_string: 'a - b', new_string: 'a + b' },
    },
    { name: 'Bash', arguments: { command: CHECK } },
  ],
  makeEngine,
  invalidAction: { action: { name: 'Read', arguments: { file_path: 42 } }, path: '$.arguments.file_path' },
});

engineContract({
  name: 'real-swe (gemini-cli)',
  spec: spec('gemini-cli'),
  seed: 7,
  actions: [
    { name: 'read_file', arguments: { file_path: '/home/dev/calc/calc.py' } },
    {
      name: 'replace',
      arguments: {
        file_path: '/home/dev/calc/calc.py',
        instruction: 'Make add return the sum of its arguments.',
        old_string: 'a - b',
        new_string: 'a + b',
      },
    },
    { name: 'run_shell_command', arguments: { command: CHECK } },
  ],
  makeEngine,
  invalidAction: { action: { name: 'Bash', arguments: { command: 'ls' } }, path: '$.name' },
});

engineContract({
  name: 'real-swe (mini-swe-agent)',
  spec: spec('mini-swe-agent'),
  seed: 7,
  actions: ['cat calc.py', "sed -i 's/a - b/a + b/' calc.py", CHECK],
  makeEngine,
  invalidAction: { action: { name: 'bash', arguments: { command: ['ls'] } }, path: '$.arguments.command' },
});

engineContract({
  name: 'real-swe (swe-agent)',
  spec: spec('swe-agent'),
  seed: 7,
  actions: [
    { name: 'str_replace_editor', arguments: { command: 'view', path: '/testbed/calc.py' } },
    {
      name: 'str_replace_editor',
      arguments: { command: 'str_replace', path: '/testbed/calc.py', old_str: 'a - b', new_str: 'a + b' },
    },
    { name: 'bash', arguments: { command: `cd /testbed && ${CHECK}` } },
  ],
  makeEngine,
  invalidAction: {
    action: { name: 'str_replace_editor', arguments: { path: '/testbed/calc.py' } },
    path: '$.arguments.command',
  },
});
