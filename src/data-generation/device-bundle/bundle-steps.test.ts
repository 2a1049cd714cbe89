import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleCommonJs, bundleDirectory, writeRunScript } from './bundle-steps.js';
import { deviceRunScript } from './run-script.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('device bundle steps', () => {
  const root = mkdtempSync(join(tmpdir(), 'agentworld-device-bundle-test-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('builds into --out when given, else into .device/NAME of the repository', () => {
    assert.equal(bundleDirectory(['--out', root], 'datagen-mcp'), root);
    assert.match(bundleDirectory([], 'datagen-mcp'), /[/\\]\.device[/\\]datagen-mcp$/);
    assert.throws(() => bundleDirectory(['--out'], 'datagen-mcp'), /--out needs a folder/);
  });

  it('lets a CommonJS bundle resolve server-memory from the folder it lies in', async () => {
    const folder = join(root, 'bundle');
    await bundleCommonJs(resolve(here, '..', 'mcp', 'memory-server.ts'), join(folder, 'probe.cjs'), {
      importMetaUrl: true,
    });
    const shipped = join(folder, 'node_modules', '@modelcontextprotocol', 'server-memory');
    mkdirSync(shipped, { recursive: true });
    writeFileSync(
      join(shipped, 'package.json'),
      '{"name":"@modelcontextprotocol/server-memory","version":"0.0.1"}',
    );
    const printed = execFileSync(
      process.execPath,
      [
        '-e',
        `const server = require(${JSON.stringify(join(folder, 'probe.cjs'))});` +
          `console.log(JSON.stringify([server.memoryServerVersion(), server.memoryServerCommand('/g.jsonl').args]));`,
      ],
      { encoding: 'utf8' },
    );
    assert.deepEqual(JSON.parse(printed), ['0.0.1', [join(shipped, 'dist', 'index.js')]]);
  });

  it("writes a run.sh that finds node and runs the bundle's own lines", () => {
    const folder = join(root, 'script');
    mkdirSync(folder, { recursive: true });
    writeRunScript(
      folder,
      deviceRunScript(['A test.'], 'exec "$node" -p "process.argv.slice(1).join(\\" \\")" "$@"\n'),
    );
    const printed = execFileSync('sh', [join(folder, 'run.sh'), 'a', 'b c'], {
      encoding: 'utf8',
      // This node first on PATH: the script takes the machine's node when it is 20 or later.
      env: {
        ...process.env,
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        AGENTWORLD_DATAGEN_RUNTIME: join(root, 'runtime'),
      },
    });
    assert.equal(printed, 'a b c\n');
  });
});
