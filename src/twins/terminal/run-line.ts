/**
 * Runs one command line on a copy of the twin's world with just-bash, and says whether the result is one real
 * bash would show byte for byte (every path it touched known, stdout and stderr not interleaved).
 */

import { Bash, defineCommand } from 'just-bash';
import { isWithin, normalizePath } from '../../domains/terminal/paths.js';
import { terminalText } from '../../engines/real/terminal/screen-text.js';
import { recordingFs, type TouchedPath } from './access-guard.js';
import { fidelityFs } from './fidelity-fs.js';
import { gnuDiff } from './gnu-diff.js';
import { gnuLs } from './gnu-ls.js';
import { gnuStderr } from './gnu-messages.js';
import { gnuSleep, gnuTimeout, systemCommands } from './gnu-system-commands.js';
import { gnuSort, gnuUniq } from './gnu-text-commands.js';
import { gnuWc } from './gnu-wc.js';
import { hostVisibility } from './host-files.js';
import { hostFilesFs } from './host-files-fs.js';
import { splitShortOptions } from './short-options.js';
import { captureFiles, materialize, type VirtualFiles } from './virtual-files.js';

export interface LineWorld {
  readonly files: VirtualFiles;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Undefined after a model-answered turn. */
  readonly status: number | undefined;
  /** Paths whose content the twin does not know (made or changed by a model-answered turn). */
  readonly tainted: readonly string[];
}

export type LineOutcome =
  | { readonly kind: 'ran'; readonly output: string; readonly world: LineWorld }
  | { readonly kind: 'declined'; readonly reason: string };

export interface LineContext {
  /** The tmpfs roots: the only places whose content the twin knows. */
  readonly roots: readonly string[];
  /** The pane width `ls` lays its columns out for, when its output goes to the terminal; else undefined. */
  readonly lsWidth: number | undefined;
  /** The session's user (`whoami`, `id`, owners in `ls -l`). */
  readonly user: string;
  /** How long the screen is awaited (the action's duration, seconds): a line that sleeps longer is declined. */
  readonly waitSeconds?: number | undefined;
  /** Whether the line runs at the session's time (answered live) rather than rebuilt from history. */
  readonly clockKnown: boolean;
  readonly signal?: AbortSignal | undefined;
}

const LOOKUP_DIRECTORIES = ['/bin', '/usr/bin', '/usr/local/bin'];
const DEVICES = new Set(['/dev/null', '/dev/stdin', '/dev/stdout', '/dev/stderr']);
const LISTING = new Set(['readdir', 'readdirWithFileTypes']);
const PROBES = new Set(['stat', 'lstat', 'exists', 'realpath']);

/** Why touching `touched` takes the twin outside what it knows, or undefined. */
function unknownAccess(
  touched: TouchedPath,
  roots: readonly string[],
  tainted: readonly string[],
): string | undefined {
  const path = normalizePath(touched.path);
  if (DEVICES.has(path)) return undefined;
  const inRoot = roots.some((root) => isWithin(path, root));
  if (!inRoot) {
    // The host's shown files are read from this machine (host-files-fs.ts refuses and reports any change).
    if (hostVisibility(path, roots).kind === 'host') return undefined;
    if (PROBES.has(touched.method)) {
      if (roots.some((root) => isWithin(root, path))) return undefined;
      if (LOOKUP_DIRECTORIES.some((directory) => isWithin(path, directory) && path !== directory)) {
        return undefined;
      }
    }
    return `path outside the twin's files: ${path}`;
  }
  if (tainted.some((prefix) => isWithin(path, prefix)))
    return `path changed by a model-answered turn: ${path}`;
  if (LISTING.has(touched.method) && tainted.some((prefix) => isWithin(prefix, path))) {
    return `directory changed by a model-answered turn: ${path}`;
  }
  return undefined;
}

export async function runLine(script: string, world: LineWorld, context: LineContext): Promise<LineOutcome> {
  const fs = await materialize(world.files);
  const touched: TouchedPath[] = [];
  const hostProblems: string[] = [];
  // Host problems and just-bash's departures from GNU (fidelity-fs.ts) both decline the line.
  const guarded = recordingFs(
    fidelityFs(hostFilesFs(fs, context.roots, hostProblems), hostProblems),
    touched,
  );
  const ls = defineCommand('ls', async (args, ctx) => {
    const { flags, operands } = splitShortOptions(args);
    return gnuLs(
      ctx.fs,
      ctx.cwd,
      operands,
      {
        all: flags.has('a'),
        almostAll: flags.has('A'),
        onePerLine: flags.has('1'),
        recursive: flags.has('R'),
        directory: flags.has('d'),
        long: flags.has('l')
          ? { fs: ctx.fs, roots: context.roots, before: world.files, user: context.user }
          : undefined,
      },
      context.lsWidth,
    );
  });
  const slept = { seconds: 0 };
  const bash = new Bash({
    fs: guarded,
    cwd: world.cwd,
    env: { ...world.env },
    customCommands: [
      ls,
      gnuSort,
      gnuUniq,
      gnuWc,
      gnuDiff,
      gnuSleep(slept),
      gnuTimeout(slept),
      ...systemCommands(context.user),
    ],
  });
  touched.length = 0;
  const startedMs = Date.now();
  const commandNames = script.split(/[\s;&|()]+/);
  const prefix = world.status === 0 || world.status === undefined ? '' : `(exit ${world.status})\n`;
  let result: Awaited<ReturnType<Bash['exec']>>;
  try {
    result = await bash.exec(`${prefix}${script}`, {
      cwd: world.cwd,
      env: { ...world.env },
      replaceEnv: true,
      rawScript: true,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
  } catch (error) {
    // A refused change to the host's read-only files can escape the virtual shell; anything else is a real fault.
    const hostProblem = hostProblems[0];
    if (hostProblem !== undefined) return { kind: 'declined', reason: hostProblem };
    throw error;
  }
  const hostProblem = hostProblems[0];
  if (hostProblem !== undefined) return { kind: 'declined', reason: hostProblem };
  // The real screen is taken after the action's duration at the latest: a line sleeping near it may not be done.
  if (slept.seconds > 0 && slept.seconds > 0.7 * (context.waitSeconds ?? 0))
    return { kind: 'declined', reason: `sleeps ${slept.seconds} s of a ${context.waitSeconds ?? 0} s wait` };
  for (const access of touched) {
    const reason = unknownAccess(access, context.roots, world.tainted);
    if (reason !== undefined) return { kind: 'declined', reason };
  }
  if (result.stdout !== '' && result.stderr !== '') {
    return { kind: 'declined', reason: 'stdout and stderr both printed (their interleaving is unknown)' };
  }
  const stderr = gnuStderr(result.stderr);
  if (stderr.kind === 'unknown') return { kind: 'declined', reason: stderr.reason };
  // just-bash's sed exits 1 where GNU sed exits 2 for a file it cannot read: that status is not known.
  const statusKnown = !/^sed: can't read /m.test(stderr.text);
  if (!statusKnown && script.includes('$?')) {
    return { kind: 'declined', reason: 'exit status of sed after a file it cannot read' };
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.env)) {
    if (name !== '?') env[name] = value;
  }
  const cwd = normalizePath(result.env.PWD ?? world.cwd);
  return {
    kind: 'ran',
    output: terminalText(result.stdout + stderr.text),
    world: {
      files: await captureFiles(fs, context.roots, world.files, {
        startedMs,
        known: context.clockKnown,
        copies: commandNames.includes('cp'),
        moves: commandNames.includes('mv'),
      }),
      cwd,
      env,
      status: statusKnown ? result.exitCode : undefined,
      tainted: world.tainted,
    },
  };
}
