/**
 * What a program the twin does not run may change, so that a model-answered turn running it leaves the rest of
 * the twin's files known: `tar` writes only its archive (`c`) or the directory it extracts into (`x`), `gzip`
 * and `gunzip` their operands and the `.gz` beside them (nothing with `-c`), and checksum or listing programs
 * nothing. Any other program may change every file (undefined).
 */
import { resolvePath } from '../../domains/terminal/paths.js';

/** Programs outside the twin that only read files (their output goes to the screen or a redirection). */
export const READS_ONLY = new Set([
  'sha256sum',
  'sha1sum',
  'md5sum',
  'cksum',
  'zcat',
  'df',
  'du',
  'ps',
  'stat',
  'file',
  'which',
  'type',
  'command',
  'nproc',
  'umask',
  'alias',
]);

/** The absolute paths `name` with `args` may write (or whose content changes), or undefined for anything. */
export function programWrites(name: string, args: readonly string[], cwd: string): string[] | undefined {
  if (READS_ONLY.has(name)) return [];
  if (name === 'tar') return tarWrites(args, cwd);
  if (name === 'gzip' || name === 'gunzip') {
    const flags = args.filter((arg) => /^-[a-z0-9]+$/.test(arg)).join('');
    const operands = args.filter((arg) => !arg.startsWith('-'));
    if (args.some((arg) => arg.startsWith('--') || (arg.startsWith('-') && !/^-[a-z0-9]+$/.test(arg))))
      return undefined;
    if (flags.includes('c') || flags.includes('l') || flags.includes('t')) return [];
    if (operands.length === 0 || flags.includes('r')) return undefined;
    return operands.flatMap((operand) => {
      const path = resolvePath(cwd, operand);
      return [path, path.endsWith('.gz') ? path.slice(0, -3) : `${path}.gz`];
    });
  }
  return undefined;
}

/** tar's mode letters (`czf`, `-xzf`, or `-c -z -f`): `t` reads, `c` writes its `-f` archive, `x` its `-C` directory. */
function tarWrites(args: readonly string[], cwd: string): string[] | undefined {
  const [first, ...rest] = args;
  if (first === undefined) return undefined;
  const bundled = first.startsWith('-') ? first.slice(1) : first;
  if (!/^[ctxzjvf]+$/.test(bundled)) return undefined;
  const letters = new Set(bundled);
  let archive: string | undefined;
  let directory = cwd;
  const remaining = [...rest];
  if (letters.has('f')) archive = remaining.shift();
  for (let index = 0; index < remaining.length; index++) {
    const arg = remaining[index] ?? '';
    if (arg === '-C') directory = resolvePath(cwd, remaining[++index] ?? '');
    else if (arg.startsWith('-')) return undefined;
  }
  if (letters.has('t')) return [];
  if (letters.has('c')) return archive === undefined || archive === '-' ? [] : [resolvePath(cwd, archive)];
  if (letters.has('x')) return [directory];
  return undefined;
}
