#!/usr/bin/env node
// Packs the npm package with node-llama-cpp bundled inside it, without any of its binary builds:
//   node scripts/pack-package.mjs [--destination DIR]      (npm run pack:package -- --destination DIR)
// Why: npm installs every optional dependency of a dependency whose os/cpu match, so a consumer of a plain
// `node-llama-cpp` dependency gets its CUDA and Vulkan builds (~610 MB on Linux x64), and the `overrides` that keep
// them out of a clone apply to the root project only. A bundled dependency is installed as packed, so the
// consumer gets node-llama-cpp's JavaScript from the tarball and only the CPU (or Metal) build of its own
// platform, which AgentWorld lists as its own optional dependencies. Needs a built dist/ (`npm run build`).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const BUNDLED = 'node-llama-cpp';

function destinationArgument(argv) {
  const index = argv.indexOf('--destination');
  if (index === -1) return root;
  const value = argv[index + 1];
  if (value === undefined) throw new Error('--destination needs a directory');
  return resolve(value);
}

if (process.argv.includes('--refuse-direct')) {
  // The root package's `prepack`: a plain `npm pack` / `npm publish` here would ship node-llama-cpp unbundled.
  console.error(
    'Pack AgentWorld with `npm run pack:package -- --destination DIR` (it bundles node-llama-cpp',
  );
  console.error(
    'without its GPU builds), then publish that tarball: `npm publish DIR/agentworld-<version>.tgz`.',
  );
  process.exit(1);
}

const destination = destinationArgument(process.argv.slice(2));
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` before packing.');
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = manifest.optionalDependencies?.[BUNDLED];
if (version === undefined) throw new Error(`package.json has no optional dependency ${BUNDLED}`);

/** The published manifest: no development fields, node-llama-cpp a bundled dependency. */
function packageManifest() {
  const { devDependencies, overrides, scripts, allowScripts, ...published } = manifest;
  const { [BUNDLED]: _bundled, ...binaries } = manifest.optionalDependencies;
  return {
    ...published,
    dependencies: { ...manifest.dependencies, [BUNDLED]: version },
    optionalDependencies: binaries,
    bundleDependencies: [BUNDLED],
  };
}

const stage = mkdtempSync(join(tmpdir(), 'agentworld-pack-'));
try {
  for (const entry of manifest.files) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(packageManifest(), null, 2)}\n`);
  copyFileSync(join(root, 'package-lock.json'), join(stage, 'package-lock.json'));
  // Installs node-llama-cpp and its JavaScript dependencies at the locked versions; --omit=optional leaves out
  // every binary build, so none of them is bundled.
  execFileSync(
    'npm',
    [
      'install',
      '--omit=optional',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (existsSync(join(stage, 'node_modules', '@node-llama-cpp'))) {
    throw new Error('a node-llama-cpp binary build was installed for the bundle');
  }
  mkdirSync(destination, { recursive: true });
  const packed = execFileSync(
    'npm',
    ['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
    {
      cwd: stage,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [{ filename }] = JSON.parse(packed);
  console.log(join(destination, filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
