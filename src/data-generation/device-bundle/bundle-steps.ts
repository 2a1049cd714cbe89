/**
 * Steps shared by the device bundle builders (`terminal/build-device-bundle.ts`, `mcp/build-device-bundle.ts`):
 * each builds a folder under `.device/` that runs a session generator on a machine without Node (the GPU
 * machine), from a bundle made by esbuild, node itself xz-compressed, and a `run.sh`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

/** The nearest folder holding a package.json, from the working directory up. */
export function repositoryRoot(): string {
  let directory = resolve(process.cwd());
  while (!readdirSync(directory).includes('package.json')) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('run this from inside the repository');
    directory = parent;
  }
  return directory;
}

/**
 * The folder to build: `--out DIR` among the arguments (relative to the working directory), else
 * `.device/<defaultName>` in the repository.
 */
export function bundleDirectory(argv: readonly string[], defaultName: string): string {
  const flag = argv.indexOf('--out');
  if (flag >= 0) {
    const value = argv[flag + 1];
    if (value === undefined || value.startsWith('--')) throw new Error('--out needs a folder');
    return resolve(value);
  }
  return join(repositoryRoot(), '.device', defaultName);
}

/** Removes the folder if it exists and creates it empty. */
export function emptyDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
}

/** Shown in CommonJS bundles in place of `import.meta.url`, which CommonJS lacks. */
const IMPORT_META_URL_BANNER = 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;';

export interface CommonJsBundleOptions {
  /** Packages left out of the bundle (found next to it at run time). */
  readonly external?: string[];
  /**
   * Whether the code reads `import.meta.url`: it then gets the bundle file's own URL, so that
   * `createRequire(import.meta.url)` resolves packages placed next to the bundle.
   */
  readonly importMetaUrl?: boolean;
}

/** A CommonJS bundle of a TypeScript entry for node 20. */
export async function bundleCommonJs(
  entry: string,
  outfile: string,
  options: CommonJsBundleOptions = {},
): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    ...(options.external === undefined ? {} : { external: options.external }),
    ...(options.importMetaUrl === true
      ? { define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: IMPORT_META_URL_BANNER } }
      : {}),
    logLevel: 'warning',
    legalComments: 'none',
  });
}

/**
 * An ES module bundle of a package's JavaScript entry with all its dependencies inlined. CommonJS dependencies
 * inside it may `require()` node's own modules, so the bundle defines `require` for them.
 */
export async function bundleEsModule(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: 'import { createRequire as createRequireOfBundle } from "node:module"; const require = createRequireOfBundle(import.meta.url);',
    },
    logLevel: 'warning',
    legalComments: 'none',
  });
}

/** This machine's node binary, xz-compressed into `directory/node.xz`. */
export function compressNodeBinary(directory: string): void {
  const compressed = openSync(join(directory, 'node.xz'), 'w');
  try {
    const result = spawnSync('xz', ['-T0', '-6', '-c', process.execPath], {
      stdio: ['ignore', compressed, 'inherit'],
    });
    if (result.status !== 0) throw new Error(`xz failed (${result.status ?? result.signal})`);
  } finally {
    closeSync(compressed);
  }
}

/** Writes `directory/run.sh`, executable. */
export function writeRunScript(directory: string, text: string): void {
  writeFileSync(join(directory, 'run.sh'), text);
  chmodSync(join(directory, 'run.sh'), 0o755);
}
