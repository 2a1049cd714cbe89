import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { WorldSpecInput } from '../../../core/world-spec.js';
import { SWE_AGENT_FIXTURES } from '../../../domains/swe/dialects/swe-agent/fixtures.js';
import { isMiniSweSubmission, sweParseMiniResult } from '../../../domains/swe/index.js';
import { createEnv } from '../../../session/create-env.js';
import { RealSweEngine } from './real-swe-engine.js';

const examples = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', 'examples');
const spec = (dialect: string): WorldSpecInput =>
  JSON.parse(readFileSync(join(examples, `swe-${dialect}.json`), 'utf8')) as WorldSpecInput;

const engine = new RealSweEngine({ commandTimeoutSeconds: 60 });
after(() => engine.close());

async function session(dialect: string, use = engine) {
  const env = await createEnv(spec(dialect), { engine: use });
  await env.reset({ seed: 7 });
  return env;
}

const fixture = (name: string) => {
  const found = SWE_AGENT_FIXTURES.find((entry) => entry.name === name);
  assert.ok(found !== undefined, name);
  return found;
};

describe('real swe engine', () => {
  it('swe-agent: the repository is at /testbed, and the editor answers with the harness texts', async () => {
    const env = await session('swe-agent');
    const cd = await env.step({
      name: 'bash',
      arguments: { command: 'cd /testbed && pwd && git status --short && ls' },
    });
    assert.equal(cd.observation, '/testbed\ncalc.py\ntest_calc.py');
    const view = fixture('view keeps the empty numbered line after a final newline');
    assert.equal((await env.step(view.action)).observation, view.observation);
    const replace = fixture('str_replace in a two-line file');
    assert.equal((await env.step(replace.action)).observation, replace.observation);
    const ran = await env.step({
      name: 'bash',
      arguments: { command: "python3 -c 'from calc import add; print(add(2, 3))'" },
    });
    assert.equal(ran.observation, '5');
    const undo = await env.step({
      name: 'str_replace_editor',
      arguments: { command: 'undo_edit', path: '/testbed/calc.py' },
    });
    assert.match(undo.observation, /^Last edit to \/testbed\/calc.py undone successfully\. /);
    assert.match(undo.observation, /return a - b\n {5}3\t\n\n$/);
    await env.close();
  });

  it('swe-agent: submit answers with the review message, then the submission', async () => {
    const env = await session('swe-agent');
    await env.step({ name: 'bash', arguments: { command: "sed -i 's/a - b/a + b/' calc.py" } });
    const review = await env.step({ name: 'submit', arguments: {} });
    assert.match(review.observation, /^Thank you for your work on this issue\./);
    assert.match(
      review.observation,
      /<diff>\ndiff --git a\/calc.py b\/calc.py\n[\s\S]*\+ {4}return a \+ b\n\n<\/diff>\n\n$/,
    );
    await env.close();
  });

  it('the sandbox has no network and only the workspace is writable', async () => {
    const env = await session('mini-swe-agent');
    const net = await env.step('(exec 3<>/dev/tcp/1.1.1.1/80) 2>/dev/null && echo online || echo offline');
    assert.equal(net.observation, '<returncode>0</returncode>\n<output>\noffline\n</output>');
    const ro = await env.step(
      'touch /usr/x 2>/dev/null || echo ro; touch /x 2>/dev/null || echo ro; touch /testbed/new && echo rw',
    );
    assert.equal(ro.observation, '<returncode>0</returncode>\n<output>\nro\nro\nrw\n</output>');
    const kept = await env.step('ls /testbed');
    assert.equal(
      kept.observation,
      '<returncode>0</returncode>\n<output>\ncalc.py\nnew\ntest_calc.py\n</output>',
    );
    await env.close();
  });

  it('mini-swe-agent: a timeout renders the v2 exception layout with what was printed', async () => {
    const quick = new RealSweEngine({ commandTimeoutSeconds: 1 });
    try {
      const env = await session('mini-swe-agent', quick);
      const result = await env.step('echo started; sleep 30');
      assert.equal(
        result.observation,
        "<exception>An error occurred while executing the command: Command 'echo started; sleep 30' timed out after 1 seconds</exception>\n" +
          '<returncode>-1</returncode>\n<output>\nstarted\n</output>',
      );
      await env.close();
    } finally {
      await quick.close();
    }
  });

  it('mini-swe-agent: the submission echo gives an output whose first line submits', async () => {
    const env = await session('mini-swe-agent');
    const result = await env.step('echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff');
    assert.equal(result.terminated, true);
    const parsed = sweParseMiniResult(result.observation);
    assert.ok(parsed?.output !== undefined);
    assert.equal(isMiniSweSubmission(parsed.returncode, parsed.output), true);
    await env.close();
  });
});
