/** The engine contract for every swe dialect, with the lwm engine over the scripted model server. */
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { examplePath, fastLwmEngine } from '../helpers/index.js';

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer();
});
after(() => server.close());

const makeEngine = async () => fastLwmEngine(server, { maxRetries: 1 });
const outage = {
  begin: () => server.setDown(true),
  end: () => server.setDown(false),
  code: 'ENGINE_UNAVAILABLE' as const,
};
const spec = (dialect: string): WorldSpecInput =>
  JSON.parse(readFileSync(examplePath(`swe-${dialect}.json`), 'utf8')) as WorldSpecInput;

engineContract({
  name: 'lwm (swe claude-code)',
  spec: spec('claude-code'),
  seed: 7,
  actions: [
    { name: 'Read', arguments: '{"file_path":"/home/dev/calc/calc.py"}' },
    {
      name: 'Edit',
      arguments: { file_path: '/home/dev/calc/calc.py', old_string: 'a - b', new_string: 'a + b' },
    },
    { name: 'Bash', arguments: { command: 'python3 -m pytest -q' } },
  ],
  makeEngine,
  invalidAction: { action: { name: 'Read', arguments: { file_path: 42 } }, path: '$.arguments.file_path' },
  outage,
});

engineContract({
  name: 'lwm (swe gemini-cli)',
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
    { name: 'run_shell_command', arguments: { command: 'python3 -m pytest -q' } },
  ],
  makeEngine,
  invalidAction: { action: { name: 'Bash', arguments: { command: 'ls' } }, path: '$.name' },
  outage,
});

engineContract({
  name: 'lwm (swe mini-swe-agent)',
  spec: spec('mini-swe-agent'),
  seed: 7,
  actions: ['cat calc.py', "sed -i 's/a - b/a + b/' calc.py", 'python3 -m pytest -q'],
  makeEngine,
  invalidAction: { action: { name: 'bash', arguments: { command: ['ls'] } }, path: '$.arguments.command' },
  outage,
});

engineContract({
  name: 'lwm (swe swe-agent)',
  spec: spec('swe-agent'),
  seed: 7,
  actions: [
    { name: 'str_replace_editor', arguments: { command: 'view', path: '/testbed/calc.py' } },
    {
      name: 'str_replace_editor',
      arguments: { command: 'str_replace', path: '/testbed/calc.py', old_str: 'a - b', new_str: 'a + b' },
    },
    { name: 'bash', arguments: { command: 'python3 -m pytest -q' } },
  ],
  makeEngine,
  invalidAction: {
    action: { name: 'str_replace_editor', arguments: { path: '/testbed/calc.py' } },
    path: '$.arguments.command',
  },
  outage,
});
