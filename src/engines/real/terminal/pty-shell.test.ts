import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AgentWorldError } from '../../../core/errors.js';
import { findBwrap } from '../sandbox/find-bwrap.js';
import { PtyShell } from './pty-shell.js';
import { CLASSIC_IDENTITY, type ShellIdentity } from './shell-identity.js';

const bwrapPath = findBwrap();
const skip =
  bwrapPath === undefined ? 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' : false;

// A busy machine only makes bash slower: these limits guard against a hang (the time-limit test sets its own).
const HANG_GUARD = { timeoutMs: 600_000 };
const START_GUARD = { startTimeoutMs: 600_000 };

describe('PtyShell (real bash in bubblewrap)', { skip }, () => {
  it('runs as an unprivileged user on host sim with no network and a read-only root', async () => {
    const shell = await PtyShell.start({ ...START_GUARD, bwrapPath: bwrapPath as string });
    try {
      assert.equal(shell.initialPrompt, 'user@sim:~$ ');
      const identity = await shell.run(
        'id -u; id -g; hostname; echo "$HOME" "$USER" "$LANG"; umask',
        HANG_GUARD,
      );
      assert.equal(identity.output, '1000\n1000\nsim\n/home/user user C\n0022\n');
      assert.equal(identity.exitStatus, 0);
      // Its own network namespace holds only the loopback device.
      const network = await shell.run('ls /proc/sys/net/ipv4/conf', HANG_GUARD);
      assert.equal(network.output, 'all  default  lo\n');
      const readOnly = await shell.run('touch /usr/agentworld-test', HANG_GUARD);
      assert.notEqual(readOnly.exitStatus, 0);
      assert.match(readOnly.output, /Read-only file system|Permission denied/);
      assert.equal(existsSync('/usr/agentworld-test'), false);
    } finally {
      await shell.close();
    }
  });

  it('reports status and directory, shows permission errors, and writes only into its own home', async () => {
    const shell = await PtyShell.start({ ...START_GUARD, bwrapPath: bwrapPath as string });
    try {
      const made = await shell.run("mkdir -p notes && cd notes && printf 'a\\tb\\n' > tab.txt", HANG_GUARD);
      assert.deepEqual(
        [made.exitStatus, made.cwd, made.prompt],
        [0, '/home/user/notes', 'user@sim:~/notes$ '],
      );
      assert.equal(readFileSync(join(shell.workspaceDirectory, 'notes', 'tab.txt'), 'utf8'), 'a\tb\n');
      const denied = await shell.run('chmod 000 tab.txt; cat tab.txt', HANG_GUARD);
      assert.deepEqual([denied.exitStatus, denied.output], [1, 'cat: tab.txt: Permission denied\n']);
      const missing = await shell.run('frobnicate-widget --now', HANG_GUARD);
      assert.deepEqual(
        [missing.exitStatus, missing.output],
        [127, 'bash: frobnicate-widget: command not found\n'],
      );
      const here = await shell.run("cat > s.sh <<'EOF'\necho one\necho two\nEOF", HANG_GUARD);
      assert.deepEqual([here.exitStatus, here.output], [0, '']);
      assert.equal((await shell.run('bash s.sh', HANG_GUARD)).output, 'one\ntwo\n');
      const noNewline = await shell.run('echo -n done', HANG_GUARD);
      assert.deepEqual([noNewline.output, noNewline.prompt], ['done', 'user@sim:~/notes$ ']);
    } finally {
      await shell.close();
    }
    assert.equal(existsSync(shell.hostDirectory), false);
  });

  it('runs a root session in /workspace of a container host, where permissions do not stop root', async () => {
    const identity: ShellIdentity = {
      kind: 'root',
      user: 'root',
      host: '64fd58b770d7',
      home: '/root',
      workspace: '/workspace',
    };
    const shell = await PtyShell.start({
      ...START_GUARD,
      bwrapPath: bwrapPath as string,
      privileged: true,
      identity,
    });
    try {
      assert.equal(shell.initialPrompt, 'root@64fd58b770d7:/workspace# ');
      const who = await shell.run('id -u; echo "$HOME $USER $HOSTNAME"; pwd; cd -', HANG_GUARD);
      assert.equal(who.output, '0\n/root root 64fd58b770d7\n/workspace\nbash: cd: OLDPWD not set\n');
      const made = await shell.run(
        'mkdir -p demo && cd demo && echo secret > s.txt && chmod 000 s.txt && cat s.txt',
        HANG_GUARD,
      );
      assert.deepEqual([made.output, made.prompt], ['secret\n', 'root@64fd58b770d7:/workspace/demo# ']);
      assert.equal(readFileSync(join(shell.workspaceDirectory, 'demo', 's.txt'), 'utf8'), 'secret\n');
      const home = await shell.run('cd && pwd && ls -A', HANG_GUARD);
      assert.deepEqual([home.output, home.prompt], ['/root\n', 'root@64fd58b770d7:~# ']);
      // An ordinary user's session cannot run in a root sandbox.
      await assert.rejects(
        shell.startSession({ identity: CLASSIC_IDENTITY }),
        (error: unknown) => error instanceof AgentWorldError && error.code === 'INVALID_REQUEST',
      );
    } finally {
      await shell.close();
    }
  });

  it('gives each session its identity: a named user in its own home, then the classic user', async () => {
    const named: ShellIdentity = {
      kind: 'named',
      user: 'mira',
      host: 'lab-7',
      home: '/home/mira',
      workspace: '/home/mira',
    };
    const shell = await PtyShell.start({ ...START_GUARD, bwrapPath: bwrapPath as string, identity: named });
    try {
      assert.equal(shell.initialPrompt, 'mira@lab-7:~$ ');
      const made = await shell.run(
        'mkdir src && cd src && echo "$HOME $USER $HOSTNAME" && ls /home && id -u',
        HANG_GUARD,
      );
      assert.deepEqual(
        [made.output, made.prompt],
        ['/home/mira mira lab-7\nmira\n1000\n', 'mira@lab-7:~/src$ '],
      );
      assert.equal(shell.workspaceDirectory, join(shell.hostDirectory, 'home', 'mira'));
      await shell.startSession({ ...START_GUARD, identity: CLASSIC_IDENTITY });
      assert.equal(shell.initialPrompt, 'user@sim:~$ ');
      const fresh = await shell.run('ls /home; ls -A; pwd', HANG_GUARD);
      assert.equal(fresh.output, 'user\n/home/user\n');
    } finally {
      await shell.close();
    }
  });

  it('starts each session with a fresh bash and an empty home', async () => {
    const shell = await PtyShell.start({ ...START_GUARD, bwrapPath: bwrapPath as string });
    try {
      await shell.run('export KEEP=1; mkdir -p deep/er; chmod 000 deep; cd /tmp', HANG_GUARD);
      await shell.startSession(START_GUARD);
      assert.equal(shell.initialPrompt, 'user@sim:~$ ');
      const fresh = await shell.run('ls -A; echo "[$KEEP]"; pwd; ls -A /tmp', HANG_GUARD);
      assert.equal(fresh.output, '[]\n/home/user\n');
    } finally {
      await shell.close();
    }
  });

  it('gives up on a command that does not finish, and on one that waits for more input', async () => {
    const shell = await PtyShell.start({ ...START_GUARD, bwrapPath: bwrapPath as string });
    try {
      await assert.rejects(
        shell.run('sleep 600', { timeoutMs: 300 }),
        (error: unknown) => error instanceof AgentWorldError && error.code === 'ENGINE_TIMEOUT',
      );
      assert.equal(shell.reusable, false);
    } finally {
      await shell.close();
    }
    const second = await PtyShell.start({ ...START_GUARD, bwrapPath: bwrapPath as string });
    try {
      // Noticed from the continuation prompt, not by the time limit (which would be ENGINE_TIMEOUT).
      await assert.rejects(
        second.run('if true; then', { timeoutMs: 600_000 }),
        (error: unknown) => error instanceof AgentWorldError && /more input/.test(error.message),
      );
    } finally {
      await second.close();
    }
  });
});
