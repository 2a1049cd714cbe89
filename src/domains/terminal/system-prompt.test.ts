import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { TERMINAL_COMPLETION_QUESTION } from './screen.js';
import { terminalSystemPrompt } from './system-prompt.js';

const spec = WorldSpecSchema.parse({
  id: 'prompt-test',
  domain: 'terminal',
  task: 'Build the project and run its tests.',
  initialState: {
    text: 'Ubuntu 22.04, Python 3.10, gcc 11\nroot@cafe01:/app# ',
    data: { host: 'cafe01', cwd: '/app' },
  },
  demonstrations: [
    {
      title: 'Listing',
      turns: [
        {
          state: 'root@cafe01:/app# ',
          action: [{ keystrokes: 'ls\n' }],
          observation: 'root@cafe01:/app# ls\nsrc\nroot@cafe01:/app# ',
        },
      ],
    },
  ],
  simulationInstructions: 'The disk is almost full: writes over 1 MB fail with "No space left on device".',
});

describe('terminalSystemPrompt', () => {
  const prompt = terminalSystemPrompt(spec);

  it('has every section in order', () => {
    const headings = prompt.split('\n').filter((line) => line.startsWith('## '));
    const expected = [
      '## Role',
      '## Action Space',
      '## How to Simulate',
      '## Demonstrations',
      '## Task Given to the Agent',
      '## Initial State',
      '## Simulation Instructions',
    ];
    // Shared sections may follow (e.g. the answer format); ours must all be there, in this order.
    assert.deepEqual(
      headings.filter((heading) => expected.includes(heading)),
      expected,
    );
    assert.equal(headings[0], '## Role');
  });

  it('covers the terminal rules and names this machine', () => {
    for (const needle of [
      '`root` on host `cafe01`',
      'root@cafe01:/app# ',
      '`keystrokes`',
      '`duration`',
      '`C-c`',
      '`C-d`',
      'empty keystrokes',
      '`[]`',
      TERMINAL_COMPLETION_QUESTION,
      'command not found',
      'about 40 lines',
      'environment variables',
      'Build the project and run its tests.',
      'No space left on device',
      'Ubuntu 22.04',
    ]) {
      assert.ok(prompt.includes(needle), `missing ${needle}`);
    }
  });

  it('renders demonstration actions as turns render them', () => {
    assert.ok(
      prompt.includes(
        '### Turn 1\n**Current State:**\nroot@cafe01:/app# \n\n**Action:**\n```json\n[\n  {\n    "keystrokes": "ls\\n",\n    "duration": 1\n  }\n]\n```',
      ),
    );
  });

  it('is stable: the same spec gives the same bytes', () => {
    assert.equal(terminalSystemPrompt(WorldSpecSchema.parse(JSON.parse(JSON.stringify(spec)))), prompt);
  });

  it('keeps our own part crisp', () => {
    const bare = terminalSystemPrompt(WorldSpecSchema.parse({ id: 'bare', domain: 'terminal' }));
    const lines = bare.split('\n').length;
    assert.ok(lines >= 40 && lines <= 90, `${lines} lines`);
  });

  it('uses a template of the spec instead of our parts', () => {
    const templated = terminalSystemPrompt(
      WorldSpecSchema.parse({
        ...spec,
        prompt: { systemTemplate: 'You simulate a terminal.\n{demonstrations}' },
      }),
    );
    assert.ok(templated.startsWith('You simulate a terminal.\n## Demonstrations\n'));
    assert.ok(!templated.includes('## Role'));
    assert.ok(templated.includes('## Initial State'));
  });
});
