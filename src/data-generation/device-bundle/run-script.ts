/**
 * The `run.sh` of a device bundle: a POSIX shell script that finds a usable node (the machine's own when it is
 * version 20 or later, else the `node.xz` shipped beside the script, unpacked once into
 * $AGENTWORLD_DATAGEN_RUNTIME) and then runs the bundle's own steps. The node part is shared by every bundle;
 * each bundle adds its comment lines and the lines that start its generator (which see `$here`, `$work`,
 * `$shipped` and `$node`).
 */

const NODE_SELECTION = `# node: the machine's own if it is recent enough, else the shipped binary.
node=""
if [ "$shipped" != 1 ] && command -v node >/dev/null 2>&1; then
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -ge 20 ]; then node=$(command -v node); fi
fi
if [ -z "$node" ]; then
  if [ ! -x "$work/node" ]; then
    if command -v xz >/dev/null 2>&1; then
      xz -dc "$here/node.xz" > "$work/node.part"
    else
      python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' \\
        "$here/node.xz" "$work/node.part"
    fi
    chmod +x "$work/node.part"
    mv "$work/node.part" "$work/node"
  fi
  node="$work/node"
fi
`;

/**
 * The whole script: `comment` (lines without their `# `) at the top, then the shared set-up and node selection,
 * then `body`.
 */
export function deviceRunScript(comment: readonly string[], body: string): string {
  return `#!/bin/sh
${comment.map((line) => `# ${line}`).join('\n')}
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=\${AGENTWORLD_DATAGEN_RUNTIME:-/tmp/agentworld-datagen-runtime}
shipped=\${AGENTWORLD_DATAGEN_USE_SHIPPED:-0}
mkdir -p "$work"

${NODE_SELECTION}
${body}`;
}
