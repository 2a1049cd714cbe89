/**
 * The real terminal against real bubblewrap: what a sandbox keeps in (network, writes outside its tmpfs
 * directories, fork bombs, a full disk) and how turns behave (a command that outlives its turn, a dead shell).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../../../core/errors.js';
import type { WorldSpecInput } from '../../../core/world-spec.js';
import { createEnv } from '../../../session/create-env.js';
import { DEFAULT_SANDBOX_LIMITS } from '../sandbox/index.js';
import { createRealTerminalEngine } from './index.js';

const spec: WorldSpecInput = {
  id: 'real-terminal-safety',
  domain: 'terminal',
  dialect: 'terminus',
  task: 'Check the sandbox.',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'box', home: '/root' } },
};

const engine = createRealTerminalEngine({ limits: { diskBytes: 8 * 1024 * 1024, processes: 64 } });
after(() => engine.close());

const run = (keystrokes: string, duration = 30) => [{ keystrokes, duration }];

describe('real terminal engine (bubblewrap)', () => {
  it('runs commands in a 160-column pane and shows the prompt of the spec', async () => {
    const env = await createEnv(spec, { engine });
    assert.equal((await env.reset({ seed: 1 })).observation, 'root@box:/workspace# ');
    const result = await env.step(run(`printf '%s' "$COLUMNS"; echo; pwd\n`));
    assert.equal(
      result.observation,
      `root@box:/workspace# printf '%s' "$COLUMNS"; echo; pwd\n160\n/workspace\nroot@box:/workspace# `,
    );
    assert.equal(result.info.turn.provenance.source, 'real');
    assert.equal(result.info.turn.provenance.engine, 'real');
  });

  it('cannot reach the network', async () => {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    const result = await env.step(
      run('(echo > /dev/tcp/1.1.1.1/80) 2>/dev/null && echo REACHED || echo BLOCKED\n'),
    );
    assert.match(result.observation, /\nBLOCKED\n/);
  });

  it('cannot write outside its workspace, and the host is untouched', async () => {
    const hostDirectory = mkdtempSync(join(tmpdir(), 'agentworld-real-probe-'));
    const hostFile = join(hostDirectory, 'keep.txt');
    writeFileSync(hostFile, 'original\n');
    try {
      const env = await createEnv(spec, { engine });
      await env.reset({ seed: 1 });
      const result = await env.step(
        run(
          `echo changed > ${hostFile}; touch /etc/agentworld-probe; echo made > /tmp/agentworld-probe; echo done\n`,
        ),
      );
      assert.match(result.observation, /Read-only file system|Permission denied|No such file/);
      assert.equal(readFileSync(hostFile, 'utf8'), 'original\n');
      assert.equal(existsSync('/etc/agentworld-probe'), false);
      assert.equal(existsSync('/tmp/agentworld-probe'), false, 'the sandbox /tmp is its own');
    } finally {
      rmSync(hostDirectory, { recursive: true, force: true });
    }
  });

  it('sets the process, memory, CPU and file-size limits', async () => {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    const result = await env.step(run('echo limits $(ulimit -u) $(ulimit -v) $(ulimit -t) $(ulimit -f)\n'));
    const limits = DEFAULT_SANDBOX_LIMITS;
    const expected = [64, limits.memoryBytes / 1024, limits.cpuSeconds, limits.fileBytes / 512].join(' ');
    assert.match(result.observation, new RegExp(`\\nlimits ${expected}\\n`));
  });

  it('filling the disk stops at the size limit', async () => {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    const result = await env.step(run('head -c 50000000 /dev/zero > big; echo status $?; du -k big\n', 20));
    assert.match(result.observation, /No space left on device|File too large/);
    const size = Number(/\n(\d+)\s+big\n/.exec(result.observation)?.[1]);
    assert.ok(size <= 8 * 1024, `the file grew to ${size} KiB`);
  });

  it('contains a fork bomb: the host still starts processes and the next session works', async () => {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    await env.step(run('bomb() { bomb | bomb & }; bomb\n', 3));
    assert.equal(execFileSync('echo', ['host ok'], { encoding: 'utf8' }), 'host ok\n');
    await env.close();
    const next = await createEnv(spec, { engine });
    await next.reset({ seed: 1 });
    assert.match((await next.step(run('echo fresh\n'))).observation, /\nfresh\n/);
  });

  it('a command that outlives its turn keeps running; C-c ends it and the next turn works', async () => {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    const slow = await env.step(run('sleep 600\n', 1));
    assert.equal(slow.observation, 'root@box:/workspace# sleep 600\n');
    const stopped = await env.step(run('C-c', 30));
    const interrupt = stopped.info.turn.checks.find((check) => check.id === 'interrupt-shown');
    assert.equal(interrupt?.status, 'pass', JSON.stringify(stopped.info.turn.checks));
    assert.match(stopped.observation, /^root@box:\/workspace# sleep 600\n\^C\n?root@box:\/workspace# $/);
    assert.match((await env.step(run('echo after\n'))).observation, /\nafter\n/);
  });

  it('a dead shell is ENGINE_UNAVAILABLE, nothing is recorded, and the next step rebuilds the sandbox', async () => {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: 1 });
    await env.step(run('echo one > one.txt\n'));
    await assert.rejects(env.step(run('kill -9 $$\n')), (error: unknown) =>
      isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
    );
    assert.equal(env.turns.length, 1);
    assert.match((await env.step(run('cat one.txt\n'))).observation, /\none\n/);
  });

  it('a missing bubblewrap is ENGINE_UNAVAILABLE', async () => {
    const missing = createRealTerminalEngine({ bwrapPath: '/nonexistent/bwrap' });
    try {
      const env = await createEnv(spec, { engine: missing });
      await env.reset({ seed: 1 });
      await assert.rejects(env.step(run('echo hi\n')), (error: unknown) =>
        isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
      );
    } finally {
      await missing.close();
    }
  });
});
