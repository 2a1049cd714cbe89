import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findBundledModel, writeFormulaMcpModel, writeFormulaModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { runCli, temporaryFolder } from './run-cli.js';

// No model server is configured in these runs (runCli clears every AGENTWORLD_ variable and uses a fresh
// AGENTWORLD_HOME), so the engine comes from the default rule: a terminal world gets the embedded model.
// The runs that load a model go one at a time (three node-llama-cpp processes at once starve each other on two
// cores); runs that fail before loading one go together.
const llamaInstalled = await nodeLlamaCppInstalled();

describe('agentworld sim without a model server: the embedded model', () => {
  const folder = temporaryFolder('sim-embedded');
  const formulaModel = join(folder.path, 'formula.gguf');
  const formulaMcpModel = join(folder.path, 'formula-mcp.gguf');
  // The spec of the recorded server-memory sessions: the server the mcp formula model's system line names.
  const memorySpecPath = join(folder.path, 'memory-spec.json');
  // A terminal whose home is not where the model's training put it: the model is not the default for it.
  const otherShellPath = join(folder.path, 'other-shell.json');
  before(async () => {
    const example = JSON.parse(readFileSync(join('examples', 'terminal.json'), 'utf8')) as {
      initialState: { data: Record<string, string> };
    };
    example.initialState.data = { user: 'dev', host: 'box', home: '/srv/dev', cwd: '/srv/dev' };
    writeFileSync(otherShellPath, JSON.stringify(example));
    await writeFormulaModel(formulaModel);
    await writeFormulaMcpModel(formulaMcpModel);
    const [record] = readFileSync(join('training', 'fixtures', 'mcp-sessions.jsonl'), 'utf8').split('\n');
    writeFileSync(memorySpecPath, JSON.stringify((JSON.parse(record ?? '') as { spec: unknown }).spec));
  });
  after(() => folder.remove());

  it('a terminal world goes to the hybrid (the twin, then the local model); its header says so', {
    skip: !llamaInstalled && 'node-llama-cpp is not installed',
  }, async () => {
    // --max-tokens fits the formula model's small context; --engine is left out: the default picks the hybrid,
    // whose model side is the --local-model file.
    const fitting = await runCli(
      ['sim', 'terminal-embedded', '--local-model', formulaModel, '--max-tokens', '32'],
      { stdin: 'ls\n:quit\n' },
    );
    // Root in a container's /workspace (examples/terminal.json) is one of the trained shells too.
    const container = await runCli(['sim', 'terminal', '--local-model', formulaModel, '--max-tokens', '32'], {
      stdin: 'pwd\n',
    });
    // A shell the model was not trained on gets it only when asked for, with a note.
    const other = await runCli(
      ['sim', otherShellPath, '--engine', 'local', '--local-model', formulaModel, '--max-tokens', '32'],
      { stdin: 'pwd\n' },
    );
    assert.equal(fitting.code, 0, fitting.stdout + fitting.stderr);
    const lines = fitting.stdout.split('\n');
    assert.match(
      lines[0] ?? '',
      /^session \S+ · terminal\/terminus · seed 7 · engine hybrid · the terminal twin answers what it can exactly, the embedded model formula\.gguf@[0-9a-f]{12} the rest, on this CPU — not a real shell$/,
    );
    assert.doesNotMatch(fitting.stdout, /^note: /m, 'the example fits the model');
    assert.ok(lines.includes('user@sim:~$ '), 'the first screen is the trained prompt');
    assert.ok(lines.includes('user@sim:~$ ls'), 'the command is echoed after it');
    // ls in an empty home is computable: the twin answers it.
    assert.match(fitting.stdout, /^turn 1 · simulated by hybrid model=terminal-twin /m);

    assert.equal(container.code, 0, container.stdout + container.stderr);
    assert.match(container.stdout.split('\n')[0] ?? '', / · engine hybrid · the terminal twin answers /);
    assert.doesNotMatch(container.stdout, /^note: /m, 'root in /workspace fits the model');
    assert.ok(container.stdout.split('\n').includes('root@64fd58b770d7:/workspace# pwd'));

    assert.equal(other.code, 0, other.stdout + other.stderr);
    assert.match(other.stdout.split('\n')[0] ?? '', / · engine local · simulated by the embedded model /);
    assert.match(
      other.stdout,
      /^note: this spec's shell \(prompt "dev@box:~\$"\) has home \/srv\/dev for dev \(not \/home\/dev\), unlike the shells the embedded model was trained on .*agentworld sim terminal-embedded/m,
    );
  });

  it('picks local only for terminal worlds in its trained shell, never over a configured server or an explicit --engine', async () => {
    const missing = join(folder.path, 'missing.gguf');
    const [terminal, container, mcp, explicit, otherShell] = await Promise.all([
      runCli(['sim', 'terminal-embedded', '--local-model', missing]),
      runCli(['sim', 'terminal', '--local-model', missing]),
      runCli(['sim', 'mcp']),
      runCli(['sim', 'terminal-embedded', '--engine', 'lwm']),
      runCli(['sim', otherShellPath, '--local-model', missing]),
    ]);
    // The local engine was chosen (and could not load the file it was given).
    for (const run of [terminal, container]) {
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^error ENGINE_UNAVAILABLE: .*missing\.gguf/);
    }
    // No server for an mcp world, or lwm asked for: how to configure one, and where the embedded model helps.
    for (const run of [mcp, explicit, otherShell]) {
      assert.equal(run.code, 1);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^error CONFIG_INVALID: No world model configured/);
      assert.match(run.stderr, /--model-url/);
      assert.match(run.stderr, /agentworld sim terminal-embedded/);
    }
  });

  it('with no flags at all, a terminal world uses the hybrid with the shipped model when this installation has one', async () => {
    const run = await runCli(['sim', 'terminal-embedded'], { stdin: ':quit\n' });
    // examples/terminal.json: root in a container's /workspace, one of the shells the model was trained on.
    const container = await runCli(['sim', 'terminal'], { stdin: 'pwd\ncd ~ && pwd\n:quit\n' });
    if (findBundledModel() === undefined) {
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^error CONFIG_INVALID: No world model configured/);
      assert.match(run.stderr, /needs models\/agentworld-terminal\.gguf or --local-model/);
    } else if (!llamaInstalled) {
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^error ENGINE_UNAVAILABLE: .*node-llama-cpp/);
    } else {
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(
        run.stdout.split('\n')[0] ?? '',
        / · engine hybrid · the terminal twin answers what it can exactly, the embedded model agentworld-terminal\.gguf@[0-9a-f]{12} the rest, on this CPU — not a real shell$/,
      );
      assert.equal(container.code, 0, container.stdout + container.stderr);
      assert.doesNotMatch(container.stdout, /^note: /m);
      const screen = container.stdout.split('\n');
      // The hybrid answers in the container's shell: where it is, and where root's home is.
      const pwd = screen.indexOf('root@64fd58b770d7:/workspace# pwd');
      assert.ok(pwd > 0, container.stdout);
      assert.equal(screen[pwd + 1], '/workspace');
      const home = screen.indexOf('root@64fd58b770d7:/workspace# cd ~ && pwd');
      assert.deepEqual(screen.slice(home + 1, home + 3), ['/root', 'root@64fd58b770d7:~# ']);
    }
  });

  it('an mcp world of the server an mcp-layout --local-model names goes to the hybrid with it; a header says it is no real server', {
    skip: !llamaInstalled && 'node-llama-cpp is not installed',
  }, async () => {
    const run = await runCli(
      ['sim', memorySpecPath, '--local-model', formulaMcpModel, '--max-tokens', '32'],
      {
        stdin: '{"name":"read_graph","arguments":{}}\n:quit\n',
      },
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout.split('\n')[0] ?? '',
      /^session \S+ · mcp\/mcp · seed \d+ · engine hybrid · the server-memory twin answers what it can exactly, the embedded model formula-mcp\.gguf@[0-9a-f]{12} the rest, on this CPU — not a real server$/,
    );
    assert.doesNotMatch(run.stdout, /^note: /m, "the spec names the model's server");
    // read_graph on a fresh server is computable: the twin answers it.
    assert.match(run.stdout, /^turn 1 · simulated by hybrid model=mcp-memory-twin /m);
  });

  it('an mcp world gets lwm when the model file is not an mcp model, or names another server', async () => {
    const [terminalFile, otherServer] = await Promise.all([
      runCli(['sim', memorySpecPath, '--local-model', formulaModel]),
      runCli(['sim', 'mcp', '--local-model', formulaMcpModel]),
    ]);
    for (const run of [terminalFile, otherServer]) {
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^error CONFIG_INVALID: No world model configured/);
    }
  });

  it('an mcp world with a --local-model file that cannot be read says which file', async () => {
    const missing = join(folder.path, 'missing-mcp.gguf');
    const run = await runCli(['sim', memorySpecPath, '--local-model', missing]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^error ENGINE_UNAVAILABLE: .*missing-mcp\.gguf/);
  });
});
