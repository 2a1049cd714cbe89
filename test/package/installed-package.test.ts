import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import type { ScriptedModelServer } from '../../src/testing/index.js';

// The package as a user gets it: packed by `npm run pack:package` (node-llama-cpp bundled without its binary
// builds), installed from the tarball into an empty project, and used by name. Precondition: a built dist/
// (`npm run build`; CI builds before it tests). The install takes a minute or two (better-sqlite3 compiles).

const root = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const ENTRY_POINTS = ['agentworld', 'agentworld/server', 'agentworld/testing'] as const;
const EXAMPLE_BASE_URL = "'http://127.0.0.1:8000/v1'";
const EXAMPLE_MODEL = "'Qwen/Qwen-AgentWorld-35B-A3B'";

/** Every ```ts block of the README that imports the package by name. */
function readmePackageExamples(readme: string): string[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)\n```/g)]
    .map((match) => match[1] ?? '')
    .filter((block) => /from 'agentworld(\/[a-z-]+)?'/.test(block));
}

/**
 * Functions and classes the README names in backticks (`injectionReport(turns)`, `AgentWorldError`) that the
 * sources export: each must be reachable from one of the package's entry points.
 */
function readmeDocumentedNames(readme: string): string[] {
  // A name in backticks that is called (`name(…)`) or spelled in camel or Pascal case, not a plain word (`text`).
  const mentioned = new Set(
    [...readme.matchAll(/`([A-Za-z_]\w*)(\([^`]*\))?`/g)]
      .filter((match) => match[2] !== undefined || /[A-Z]/.test(match[1] ?? ''))
      .map((match) => match[1]),
  );
  const exported = new Set<string>();
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(
          /export (?:async )?(?:function|class) (\w+)/g,
        )) {
          exported.add(match[1] ?? '');
        }
      }
    }
  };
  visit(join(root, 'src'));
  return [...mentioned].filter((name): name is string => name !== undefined && exported.has(name)).sort();
}

describe('installed package (npm pack, then npm install of the tarball in an empty project)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  let directory: string;
  let project: string;
  let installed: string;

  before(async () => {
    assert.ok(
      existsSync(join(root, 'dist', 'index.js')),
      'dist/ is missing: this test packs the built package, so run `npm run build` first (CI builds before testing)',
    );
    directory = mkdtempSync(join(tmpdir(), 'agentworld-package-'));
    const packed = await run(
      process.execPath,
      [join(root, 'scripts', 'pack-package.mjs'), '--destination', directory],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const tarball = packed.stdout.trim().split('\n').at(-1) ?? '';
    assert.ok(existsSync(tarball), `the pack script names the tarball it wrote (${tarball})`);
    project = join(directory, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'agentworld-consumer', version: '1.0.0', private: true, type: 'module' })}\n`,
    );
    await run(
      'npm',
      ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      {
        cwd: project,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    installed = join(project, 'node_modules', 'agentworld');
  });

  after(() => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('every README library example runs against the installed package, imported by name', async () => {
    const examples = readmePackageExamples(readme);
    assert.ok(examples.length > 0, 'README.md shows at least one ```ts example that imports agentworld');
    const testing = (await import(pathToFileURL(join(installed, 'dist', 'testing', 'index.js')).href)) as {
      startScriptedModelServer: () => Promise<ScriptedModelServer>;
    };
    for (const [index, example] of examples.entries()) {
      const server = await testing.startScriptedModelServer();
      try {
        const source = example
          .replaceAll(EXAMPLE_BASE_URL, JSON.stringify(server.url))
          .replaceAll(EXAMPLE_MODEL, JSON.stringify(server.model));
        const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
        const file = join(project, `readme-example-${index + 1}.mjs`);
        writeFileSync(file, code);
        // The script sits in the project, so `agentworld` resolves to the installed package; it runs in the
        // package's folder, where the paths the README uses (examples/terminal.json) are.
        // Asynchronous on purpose: the scripted server answers from this process's event loop.
        const result = await run(process.execPath, [file], { cwd: installed, timeout: 120_000 });
        assert.notEqual(result.stdout.trim(), '', `README example ${index + 1} prints what it shows`);
        if (example.includes('createLwmEngine')) {
          assert.ok(
            server.completionBodies.length > 0,
            `README example ${index + 1} called the model server`,
          );
        }
      } finally {
        await server.close();
      }
    }
  });

  it('every function and class the README names is exported by an entry point', async () => {
    const names = readmeDocumentedNames(readme);
    assert.ok(names.includes('injectionReport'), 'the scan finds the names the README documents');
    const script = [
      `const exported = new Set();`,
      `for (const entry of ${JSON.stringify(ENTRY_POINTS)}) for (const name of Object.keys(await import(entry))) exported.add(name);`,
      `console.log(JSON.stringify(${JSON.stringify(names)}.filter((name) => !exported.has(name))));`,
    ].join('\n');
    const file = join(project, 'documented-names.mjs');
    writeFileSync(file, script);
    const result = await run(process.execPath, [file], { cwd: project });
    assert.deepEqual(
      JSON.parse(result.stdout),
      [],
      'documented names missing from agentworld, /server and /testing',
    );
  });

  it('installs only CPU (or Metal) llama.cpp builds, and the embedded model runs on them', async () => {
    const builds = readdirSync(join(project, 'node_modules', '@node-llama-cpp'));
    assert.deepEqual(
      builds.filter((name) => /cuda|vulkan/.test(name)),
      [],
      'no GPU build is installed by default',
    );
    const script = [
      `import { createEnv, createLocalEngine, readSpecFile } from 'agentworld';`,
      `const engine = await createLocalEngine({ modelPath: 'models/agentworld-terminal.gguf' });`,
      `const env = await createEnv(await readSpecFile('examples/terminal.json'), { engine });`,
      `await env.reset({ seed: 7 });`,
      `const result = await env.step([{ keystrokes: 'pwd\\n', duration: 1 }]);`,
      `console.log(JSON.stringify({ observation: result.observation, provenance: result.info.turn.provenance }));`,
      `await env.close();`,
    ].join('\n');
    const file = join(project, 'embedded-model.mjs');
    writeFileSync(file, script);
    const result = await run(process.execPath, [file], { cwd: installed, timeout: 300_000 });
    const { observation, provenance } = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
    assert.equal(provenance.source, 'simulated');
    assert.equal(provenance.engine, 'local');
    assert.match(observation, /pwd/, 'the predicted screen echoes the command');
  });
});
