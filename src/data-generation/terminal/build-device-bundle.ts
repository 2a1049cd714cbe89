/**
 * `npm run datagen:bundle`: builds `.device/datagen/` (or `--out DIR`), a self-contained folder that runs the
 * session generator on a machine without Node or bubblewrap (the GPU machine):
 *
 *   datagen.cjs      the generator (main.ts) bundled by esbuild, workers included
 *   node_modules/    @lydell/node-pty and its linux-x64 native addon, next to the bundle
 *   debs/            bubblewrap and the libraries it links (apt-get download)
 *   git.tar.xz       Debian's git binary and templates, for a GPU machine without git (training/gpu-run.sh)
 *   node.xz          this machine's node binary, xz-compressed
 *   run.sh           unpacks node and bwrap into /tmp when the machine lacks them, then starts the generator
 *
 * Usage on the target: `sh .device/datagen/run.sh --out /tmp/data --duration-seconds 420 --workers 13`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundleCommonJs,
  bundleDirectory,
  compressNodeBinary,
  emptyDirectory,
  repositoryRoot,
  writeRunScript,
} from '../device-bundle/bundle-steps.js';
import { deviceRunScript } from '../device-bundle/run-script.js';

const DEBIAN_PACKAGES = ['bubblewrap', 'libcap2', 'libselinux1', 'libpcre2-8-0'] as const;

/**
 * `git.tar.xz`: Debian's git binary (it links only libpcre2 and zlib) and its repository templates, which
 * training/gpu-run.sh unpacks into the GPU machine's `/usr` when that machine has no git, so that the agent
 * grammar's git sessions are real there too. Every git command the grammar types is built into that binary.
 */
function packGit(out: string): void {
  const scratch = join(out, 'git-scratch');
  mkdirSync(scratch, { recursive: true });
  execFileSync('apt-get', ['download', 'git'], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
  const deb = readdirSync(scratch).find((file) => file.startsWith('git_'));
  if (deb === undefined) throw new Error('apt-get download git gave no git_*.deb');
  execFileSync('dpkg-deb', ['-x', join(scratch, deb), join(scratch, 'root')]);
  execFileSync('tar', [
    '-cJf',
    join(out, 'git.tar.xz'),
    '-C',
    join(scratch, 'root'),
    'usr/bin/git',
    'usr/share/git-core/templates',
  ]);
  rmSync(scratch, { recursive: true, force: true });
}

const RUN_SCRIPT_COMMENT = [
  "Starts the AgentWorld terminal session generator from this folder. Uses the machine's node (>= 20) and",
  'bwrap when they work, else unpacks the copies shipped here into $AGENTWORLD_DATAGEN_RUNTIME (default',
  '/tmp/agentworld-datagen-runtime). AGENTWORLD_DATAGEN_USE_SHIPPED=1 always uses the shipped copies.',
  'All arguments go to the generator (see: run.sh --help).',
];

const RUN_SCRIPT_BODY = `# bwrap: $BWRAP, else the machine's own if it runs, else the shipped .deb files unpacked.
unpack_deb() {
  if command -v dpkg-deb >/dev/null 2>&1; then
    dpkg-deb -x "$1" "$2"
  else
    python3 - "$1" "$2" <<'PYTHON'
import io, lzma, sys, tarfile
data = open(sys.argv[1], 'rb').read()
position = 8
while position < len(data):
    name = data[position:position + 16].decode().strip().rstrip('/')
    size = int(data[position + 48:position + 58].decode().strip())
    body = data[position + 60:position + 60 + size]
    if name.startswith('data.tar'):
        tarfile.open(fileobj=io.BytesIO(body)).extractall(sys.argv[2])
    position += 60 + size + (size % 2)
PYTHON
  fi
}
bwrap=\${BWRAP:-}
if [ -z "$bwrap" ] && [ "$shipped" != 1 ] && command -v bwrap >/dev/null 2>&1 && bwrap --version >/dev/null 2>&1; then
  bwrap=$(command -v bwrap)
fi
if [ -z "$bwrap" ]; then
  if [ ! -x "$work/root/usr/bin/bwrap" ]; then
    mkdir -p "$work/root"
    for deb in "$here"/debs/*.deb; do unpack_deb "$deb" "$work/root"; done
  fi
  bwrap="$work/root/usr/bin/bwrap"
  if ! "$bwrap" --version >/dev/null 2>&1; then
    # The machine lacks a library bwrap links: run it with the shipped ones.
    libraries="$work/root/usr/lib/x86_64-linux-gnu:$work/root/lib/x86_64-linux-gnu"
    printf '#!/bin/sh\\nLD_LIBRARY_PATH=%s exec %s "$@"\\n' "$libraries" "$bwrap" > "$work/bwrap"
    chmod +x "$work/bwrap"
    bwrap="$work/bwrap"
  fi
fi
exec "$node" "$here/datagen.cjs" --bwrap "$bwrap" "$@"
`;

async function main(): Promise<void> {
  const root = repositoryRoot();
  const out = bundleDirectory(process.argv.slice(2), 'datagen');
  emptyDirectory(out);

  await bundleCommonJs(
    join(root, 'src', 'data-generation', 'terminal', 'main.ts'),
    join(out, 'datagen.cjs'),
    {
      external: ['@lydell/node-pty'],
    },
  );
  process.stdout.write('bundled datagen.cjs\n');

  for (const name of ['node-pty', `node-pty-${process.platform}-${process.arch}`]) {
    cpSync(join(root, 'node_modules', '@lydell', name), join(out, 'node_modules', '@lydell', name), {
      recursive: true,
    });
  }
  process.stdout.write('copied @lydell/node-pty and its native addon\n');

  const debs = join(out, 'debs');
  mkdirSync(debs, { recursive: true });
  execFileSync('apt-get', ['download', ...DEBIAN_PACKAGES], {
    cwd: debs,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Plain names (apt's carry `%3a` and `+`, which some file transfers refuse).
  for (const file of readdirSync(debs)) {
    const name = DEBIAN_PACKAGES.find((item) => file.startsWith(`${item}_`));
    if (name !== undefined) renameSync(join(debs, file), join(debs, `${name}.deb`));
  }
  process.stdout.write(`downloaded ${readdirSync(debs).join(', ')}\n`);
  packGit(out);
  process.stdout.write('packed git.tar.xz (git and its templates)\n');

  compressNodeBinary(out);
  process.stdout.write(`compressed ${process.execPath} (node ${process.version}) into node.xz\n`);

  writeRunScript(out, deviceRunScript(RUN_SCRIPT_COMMENT, RUN_SCRIPT_BODY));
  process.stdout.write(`wrote ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`datagen:bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
