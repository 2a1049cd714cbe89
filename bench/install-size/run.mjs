#!/usr/bin/env node
// Measures what installing AgentWorld costs on disk, both ways, in one run (npm run bench:install):
//   clone:   `npm ci` of this repository's package.json + package-lock.json (what `git clone && npm ci` installs)
//   package: `npm install` of the packed tarball (npm run pack:package) in an empty project
// and prints node_modules in total and the llama.cpp part of it (node-llama-cpp and each @node-llama-cpp/* build).
// Sizes are disk usage, as `du` counts it (MiB). Needs a built dist/ for the package (`npm run build`).
// Installs run with --prefer-offline: packages already in npm's cache are not downloaded again.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** Disk usage of a tree in bytes, symbolic links not followed, hard links counted once. */
function diskUsage(path, seen = new Set()) {
  const info = lstatSync(path);
  const key = `${info.dev}:${info.ino}`;
  if (seen.has(key)) return 0;
  seen.add(key);
  let total = info.blocks * 512;
  if (info.isDirectory()) for (const entry of readdirSync(path)) total += diskUsage(join(path, entry), seen);
  return total;
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** node_modules in total, and the llama.cpp packages in it (a link to AgentWorld's empty stand-in counts 0). */
function measure(project) {
  const modules = join(project, 'node_modules');
  const builds = [];
  const scope = join(modules, '@node-llama-cpp');
  for (const name of readdirSync(scope, { withFileTypes: true }).map((entry) => entry.name)) {
    const path = join(scope, name);
    builds.push({
      name: `@node-llama-cpp/${name}`,
      bytes: lstatSync(path).isSymbolicLink() ? 0 : diskUsage(path),
    });
  }
  const runtime = [
    join(modules, 'node-llama-cpp'),
    join(modules, 'agentworld', 'node_modules', 'node-llama-cpp'),
  ]
    .filter((path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    })
    .reduce((sum, path) => sum + diskUsage(path), 0);
  const llama = runtime + builds.reduce((sum, build) => sum + build.bytes, 0);
  return { total: diskUsage(modules), llama, runtime, builds };
}

function timed(label, action) {
  const start = process.hrtime.bigint();
  const result = action();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.error(`${label}: ${seconds.toFixed(0)} s`);
  return result;
}

const work = mkdtempSync(join(tmpdir(), 'agentworld-install-size-'));
try {
  const clone = join(work, 'clone');
  mkdirSync(join(clone, 'src', 'engines', 'local'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(clone, file));
  // The overrides point the GPU builds at this empty package.
  cpSync(
    join(root, 'src', 'engines', 'local', 'absent-native-package'),
    join(clone, 'src', 'engines', 'local', 'absent-native-package'),
    { recursive: true },
  );
  timed('clone: npm ci', () => execFileSync('npm', ['ci', ...NPM_FLAGS], { cwd: clone, stdio: 'inherit' }));

  const packed = timed('package: npm run pack:package', () =>
    execFileSync(process.execPath, [join(root, 'scripts', 'pack-package.mjs'), '--destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tarball = packed.trim().split('\n').at(-1);
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "consumer", "version": "1.0.0", "private": true }\n',
  );
  timed('package: npm install <tarball>', () =>
    execFileSync('npm', ['install', tarball, ...NPM_FLAGS], { cwd: project, stdio: 'inherit' }),
  );

  const rows = [
    ['clone (npm ci)', measure(clone)],
    ['package (npm install agentworld-*.tgz)', measure(project)],
  ];
  console.log(
    `\nInstall size on ${process.platform}-${process.arch}, Node ${process.version}, measured in one run\n`,
  );
  console.log('| install | node_modules | llama.cpp (node-llama-cpp + builds) | builds installed |');
  console.log('|---|---|---|---|');
  for (const [label, size] of rows) {
    const builds = size.builds
      .filter((build) => build.bytes > 0)
      .map((build) => `${build.name.replace('@node-llama-cpp/', '')} ${mib(build.bytes)}`)
      .join(', ');
    console.log(`| ${label} | ${mib(size.total)} | ${mib(size.llama)} | ${builds} |`);
  }
  console.log(`\npackage tarball: ${mib(statSync(tarball).size)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
