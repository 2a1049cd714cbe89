import { sha256 } from '../../../core/hash.js';
import {
  baseName,
  isPathCommand,
  operandsOf,
  readRedirects,
  type ShellCommandInfo,
  writtenRedirects,
} from './shell-commands.js';

/** The file-system errors the terminal perturbations show, with the text strerror gives them. */
export const ERRNO_TEXT = {
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  ENOENT: 'No such file or directory',
} as const;
export type FileErrno = keyof typeof ERRNO_TEXT;

const ERRNO_NUMBER: Record<FileErrno, number> = { ENOSPC: 28, EROFS: 30, EACCES: 13, ENOENT: 2 };

/** Where a command runs, for messages that print absolute paths. */
export interface CommandPlace {
  readonly cwd: string;
}

function absolute(path: string, place: CommandPlace): string {
  if (path.startsWith('/')) return path;
  return `${place.cwd === '/' ? '' : place.cwd}/${path.replace(/^\.\//, '')}`;
}

/** A short, stable suffix standing in for the random part of a temporary file name. */
function stableSuffix(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const digest = sha256(seed);
  let suffix = '';
  for (let index = 0; index < 6; index++) {
    suffix += alphabet[Number.parseInt(digest.slice(index * 2, index * 2 + 2), 16) % alphabet.length];
  }
  return suffix;
}

function gitWriteFailure(command: ShellCommandInfo, reason: string): string[] | undefined {
  const sub = operandsOf(command)[0];
  if (sub === 'clone') {
    const [, url, dir] = operandsOf(command);
    const target = dir ?? baseName((url ?? 'repository').replace(/\/+$/, '')).replace(/\.git$/, '');
    return [`fatal: could not create work tree dir '${target}': ${reason}`];
  }
  if (
    sub !== undefined &&
    ['add', 'commit', 'checkout', 'switch', 'reset', 'merge', 'stash', 'init'].includes(sub)
  ) {
    return [`fatal: Unable to create '.git/index.lock': ${reason}`];
  }
  return undefined;
}

function packageWriteFailure(command: ShellCommandInfo, errno: FileErrno): string[] | undefined {
  const base = baseName(command.name);
  const operands = operandsOf(command);
  const reason = ERRNO_TEXT[errno];
  if ((base === 'pip' || base === 'pip3') && operands[0] === 'install') {
    return [`ERROR: Could not install packages due to an OSError: [Errno ${ERRNO_NUMBER[errno]}] ${reason}`];
  }
  if ((base === 'apt' || base === 'apt-get') && operands[0] === 'install') {
    if (errno === 'ENOSPC') return ["E: You don't have enough free space in /var/cache/apt/archives/."];
    return [
      `E: Could not open lock file /var/lib/dpkg/lock-frontend - open (${ERRNO_NUMBER[errno]}: ${reason})`,
      'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?',
    ];
  }
  if (base === 'npm' && ['install', 'i', 'ci', 'add'].includes(operands[0] ?? '')) {
    const code = errno === 'ENOSPC' ? 'ENOSPC' : errno;
    return [
      `npm ERR! code ${code}`,
      `npm ERR! syscall ${errno === 'ENOSPC' ? 'write' : 'mkdir'}`,
      `npm ERR! errno -${ERRNO_NUMBER[errno]}`,
      `npm ERR! ${code}: ${reason.toLowerCase()}, ${errno === 'ENOSPC' ? 'write' : "mkdir 'node_modules'"}`,
    ];
  }
  return undefined;
}

/**
 * The messages a command that writes files prints when the write fails with `errno` (ENOSPC, EROFS or
 * EACCES), as GNU coreutils, bash and the common tools word them; undefined when the command writes nothing.
 */
export function writeFailure(
  command: ShellCommandInfo,
  errno: Exclude<FileErrno, 'ENOENT'>,
): string[] | undefined {
  const reason = ERRNO_TEXT[errno];
  const base = baseName(command.name);
  const operands = operandsOf(command);
  const redirect = writtenRedirects(command)[0];
  if (redirect !== undefined) {
    // Opening the target fails before the command runs, except on a full disk, where the write itself fails.
    if (errno !== 'ENOSPC') return [`bash: ${redirect}: ${reason}`];
    return command.name === 'echo' || command.name === 'printf'
      ? [`bash: ${command.name}: write error: ${reason}`]
      : [`${base}: write error: ${reason}`];
  }
  switch (base) {
    case 'touch':
      return operands.length === 0
        ? undefined
        : operands.map((file) => `touch: cannot touch '${file}': ${reason}`);
    case 'mkdir': {
      // With -p, the first missing component is the one that cannot be made.
      const parents = command.args.some((arg) => /^-[A-Za-z]*p/.test(arg) || arg === '--parents');
      const first = (dir: string): string =>
        parents && !dir.startsWith('/')
          ? (dir.split('/').find((part) => part !== '' && part !== '.') ?? dir)
          : dir;
      return operands.length === 0
        ? undefined
        : [...new Set(operands.map(first))].map(
            (dir) => `mkdir: cannot create directory '${dir}': ${reason}`,
          );
    }
    case 'cp': {
      const target = operands[operands.length - 1];
      if (target === undefined || operands.length < 2) return undefined;
      return errno === 'ENOSPC'
        ? [`cp: error writing '${target}': ${reason}`]
        : [`cp: cannot create regular file '${target}': ${reason}`];
    }
    case 'mv': {
      const [source, target] = operands;
      if (source === undefined || target === undefined || errno === 'ENOSPC') return undefined;
      return [`mv: cannot move '${source}' to '${target}': ${reason}`];
    }
    case 'rm':
      return errno === 'ENOSPC' || operands.length === 0
        ? undefined
        : operands.map((file) => `rm: cannot remove '${file}': ${reason}`);
    case 'tee':
      return operands.length === 0 ? undefined : operands.map((file) => `tee: ${file}: ${reason}`);
    case 'sed':
      if (!command.args.some((arg) => /^-[A-Za-z]*i/.test(arg) || arg.startsWith('--in-place')))
        return undefined;
      return [`sed: couldn't open temporary file ./sed${stableSuffix(command.args.join(' '))}: ${reason}`];
    case 'dd': {
      const output = command.args.find((arg) => arg.startsWith('of='))?.slice(3);
      if (output === undefined) return undefined;
      return errno === 'ENOSPC'
        ? [`dd: error writing '${output}': ${reason}`]
        : [`dd: failed to open '${output}': ${reason}`];
    }
    case 'wget': {
      const url = operands.find((operand) => /^[a-z]+:\/\//i.test(operand)) ?? operands[0];
      if (url === undefined) return undefined;
      const file = baseName(url.replace(/[?#].*$/, '').replace(/\/+$/, '')) || 'index.html';
      return [`Cannot write to '${/^[a-z]+:$/i.test(file) ? 'index.html' : file}' (${reason}).`];
    }
    case 'curl': {
      const at = command.args.findIndex((arg) => arg === '-o' || arg === '--output');
      if (at === -1 && !command.args.includes('-O')) return undefined;
      const file = command.args[at + 1] ?? 'output';
      return errno === 'ENOSPC'
        ? ['curl: (23) Failure writing output to destination']
        : [
            `Warning: Failed to open the file ${file}: ${reason}`,
            'curl: (23) Failure writing output to destination',
          ];
    }
    case 'git':
      return gitWriteFailure(command, reason);
    default:
      return packageWriteFailure(command, errno);
  }
}

const READERS_BY_NAME: ReadonlySet<string> = new Set([
  'cat',
  'less',
  'more',
  'grep',
  'egrep',
  'wc',
  'sort',
  'uniq',
  'diff',
  'file',
  'nl',
  'md5sum',
  'sha256sum',
  'xxd',
  'od',
  'strings',
]);

const INTERPRETERS: ReadonlySet<string> = new Set([
  'python',
  'python3',
  'bash',
  'sh',
  'node',
  'ruby',
  'perl',
]);

/** The path operands of a command that reads or enters them (what EACCES and ENOENT apply to). */
export function accessedPaths(command: ShellCommandInfo): string[] {
  const base = baseName(command.name);
  const inputs = readRedirects(command);
  if (isPathCommand(command.name)) return [command.name, ...inputs];
  if (base === 'cd')
    return [
      ...operandsOf(command)
        .filter((operand) => operand !== '-')
        .slice(0, 1),
      ...inputs,
    ];
  if (INTERPRETERS.has(base)) {
    const operands = operandsOf(command);
    if (command.args.includes('-c') || command.args.includes('-m') || command.args.includes('-e'))
      return inputs;
    return [...operands.slice(0, 1), ...inputs];
  }
  if (base === 'source' || base === '.') return [...operandsOf(command).slice(0, 1), ...inputs];
  if (
    READERS_BY_NAME.has(base) ||
    [
      'head',
      'tail',
      'ls',
      'rm',
      'cp',
      'mv',
      'chmod',
      'chown',
      'stat',
      'touch',
      'mkdir',
      'tee',
      'sed',
    ].includes(base)
  ) {
    return [...operandsOf(command), ...inputs];
  }
  return inputs;
}

/**
 * What a command prints when a path it reads or enters fails with EACCES or ENOENT; undefined when the
 * command does not touch that path (or when the error would not show, e.g. `touch` of a missing file).
 */
export function accessFailure(
  command: ShellCommandInfo,
  path: string,
  errno: 'EACCES' | 'ENOENT',
  place: CommandPlace,
): string[] | undefined {
  const reason = ERRNO_TEXT[errno];
  const base = baseName(command.name);
  if (readRedirects(command).includes(path)) return [`bash: ${path}: ${reason}`];
  if (command.name === path && isPathCommand(path)) return [`bash: ${path}: ${reason}`];
  if (!accessedPaths(command).includes(path)) return undefined;
  switch (base) {
    case 'cd':
      return [`bash: cd: ${path}: ${reason}`];
    case 'source':
    case '.':
      return [`bash: ${path}: ${reason}`];
    case 'ls':
      return errno === 'ENOENT'
        ? [`ls: cannot access '${path}': ${reason}`]
        : [`ls: cannot open directory '${path}': ${reason}`];
    case 'head':
    case 'tail':
      return [`${base}: cannot open '${path}' for reading: ${reason}`];
    case 'rm':
      return [`rm: cannot remove '${path}': ${reason}`];
    case 'cp':
    case 'mv': {
      const operands = operandsOf(command);
      if (operands[operands.length - 1] === path && operands.length > 1) {
        return [`${base}: cannot create regular file '${path}': ${reason}`];
      }
      return errno === 'ENOENT'
        ? [`${base}: cannot stat '${path}': ${reason}`]
        : [`${base}: cannot open '${path}' for reading: ${reason}`];
    }
    case 'chmod':
    case 'chown':
      return errno === 'ENOENT'
        ? [`${base}: cannot access '${path}': ${reason}`]
        : [`${base}: changing permissions of '${path}': Operation not permitted`];
    case 'stat':
      return [`stat: cannot statx '${path}': ${reason}`];
    case 'touch':
      return errno === 'ENOENT' ? undefined : [`touch: cannot touch '${path}': ${reason}`];
    case 'mkdir':
      return errno === 'ENOENT' ? undefined : [`mkdir: cannot create directory '${path}': ${reason}`];
    case 'python':
    case 'python3':
      return [
        `${base}: can't open file '${absolute(path, place)}': [Errno ${ERRNO_NUMBER[errno]}] ${reason}`,
      ];
    case 'bash':
    case 'sh':
      return [`${base}: ${path}: ${reason}`];
    default:
      return [`${base}: ${path}: ${reason}`];
  }
}

/** Normalises `cwd` + `path` into an absolute path (`..` and `.` resolved). */
export function resolveAgainst(cwd: string, path: string, home = '/root'): string {
  const start = path.startsWith('/')
    ? path
    : path === '~' || path.startsWith('~/')
      ? `${home}${path.slice(1)}`
      : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of start.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The absolute paths a command writes to (redirects, file operands, and where installers put files). */
export function writeTargets(command: ShellCommandInfo, cwd: string): string[] {
  const base = baseName(command.name);
  const operands = operandsOf(command);
  const local = (path: string): string => resolveAgainst(cwd, path);
  const targets = writtenRedirects(command).map(local);
  switch (base) {
    case 'touch':
    case 'mkdir':
    case 'tee':
    case 'rm':
      return [...targets, ...operands.map(local)];
    case 'cp':
    case 'mv':
      return operands.length < 2 ? targets : [...targets, local(operands[operands.length - 1] as string)];
    case 'sed':
      return [...targets, ...operands.map(local)];
    case 'dd': {
      const output = command.args.find((arg) => arg.startsWith('of='))?.slice(3);
      return output === undefined ? targets : [...targets, local(output)];
    }
    case 'wget':
    case 'curl':
    case 'git':
      return [...targets, cwd];
    case 'pip':
    case 'pip3':
      return [...targets, '/usr/local/lib'];
    case 'apt':
    case 'apt-get':
      return [...targets, '/var/cache/apt'];
    case 'npm':
      return [...targets, local('node_modules')];
    default:
      return targets;
  }
}

/** Whether an absolute path lies on the file system mounted at `mount`. */
export function isUnder(path: string, mount: string): boolean {
  const root = mount.replace(/\/+$/, '');
  return root === '' || path === root || path.startsWith(`${root}/`);
}
