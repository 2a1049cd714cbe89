/**
 * `npm run datagen:mcp:bundle`: builds `.device/datagen-mcp/` (or `--out DIR`), a self-contained folder that runs
 * the mcp session generator on a machine without Node (the GPU machine):
 *
 *   datagen-mcp.cjs  the generator (main.ts) bundled by esbuild
 *   node_modules/@modelcontextprotocol/server-memory/
 *                    the real server: its package.json and dist/index.js, that file bundled by esbuild with the
 *                    SDK and zod it imports, so the generator finds and spawns it as it does the installed one
 *   node.xz          this machine's node binary, xz-compressed (the generator and every server process run on it)
 *   run.sh           unpacks node into /tmp when the machine lacks one, then starts the generator
 *
 * Usage on the target: `sh .device/datagen-mcp/run.sh --out /tmp/data --duration-seconds 420 --workers 13`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bundleCommonJs,
  bundleDirectory,
  bundleEsModule,
  compressNodeBinary,
  emptyDirectory,
  repositoryRoot,
  writeRunScript,
} from '../device-bundle/bundle-steps.js';
import { deviceRunScript } from '../device-bundle/run-script.js';
import { MEMORY_SERVER_PACKAGE, memoryServerVersion } from './memory-server.js';

const RUN_SCRIPT_COMMENT = [
  'Starts the AgentWorld mcp session generator (real @modelcontextprotocol/server-memory sessions) from this',
  "folder. Uses the machine's node (>= 20) when it has one, else unpacks the copy shipped here into",
  '$AGENTWORLD_DATAGEN_RUNTIME (default /tmp/agentworld-datagen-runtime). AGENTWORLD_DATAGEN_USE_SHIPPED=1',
  'always uses the shipped copy. All arguments go to the generator (see: run.sh --help).',
];

const RUN_SCRIPT_BODY = `exec "$node" "$here/datagen-mcp.cjs" "$@"
`;

async function main(): Promise<void> {
  const root = repositoryRoot();
  const out = bundleDirectory(process.argv.slice(2), 'datagen-mcp');
  emptyDirectory(out);

  await bundleCommonJs(join(root, 'src', 'data-generation', 'mcp', 'main.ts'), join(out, 'datagen-mcp.cjs'), {
    importMetaUrl: true,
  });
  process.stdout.write('bundled datagen-mcp.cjs\n');

  const installed = dirname(
    createRequire(join(root, 'package.json')).resolve(`${MEMORY_SERVER_PACKAGE}/package.json`),
  );
  const shipped = join(out, 'node_modules', ...MEMORY_SERVER_PACKAGE.split('/'));
  mkdirSync(join(shipped, 'dist'), { recursive: true });
  copyFileSync(join(installed, 'package.json'), join(shipped, 'package.json'));
  await bundleEsModule(join(installed, 'dist', 'index.js'), join(shipped, 'dist', 'index.js'));
  process.stdout.write(`bundled ${MEMORY_SERVER_PACKAGE}@${memoryServerVersion()} with its dependencies\n`);

  compressNodeBinary(out);
  process.stdout.write(`compressed ${process.execPath} (node ${process.version}) into node.xz\n`);

  writeRunScript(out, deviceRunScript(RUN_SCRIPT_COMMENT, RUN_SCRIPT_BODY));
  process.stdout.write(`wrote ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`datagen:mcp:bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
