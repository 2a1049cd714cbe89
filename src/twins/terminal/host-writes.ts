/**
 * Writes to the host's files the sandbox binds read-only: making a new file there (a redirection, `touch`) or
 * truncating one (`>`) fails with EROFS in the real sandbox, so the twin prints the same texts the
 * read-only-filesystem perturbation prints (file-errors.ts) and changes nothing. Other changes there (`>>` or
 * `touch` on an existing file: EACCES first; mkdir, rm, cp, mv …) stay declined.
 */
import { lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFailure, writeTargets } from '../../domains/terminal/perturbations/file-errors.js';
import {
  baseName,
  commandsOfLine,
  writtenRedirects,
} from '../../domains/terminal/perturbations/shell-commands.js';
import { hostVisibility } from './host-files.js';
import type { TurnPerturbations, TwinCommandFailure } from './twin-perturbations.js';

/** The name the refusal goes by in decline reasons. */
export const HOST_WRITE_REFUSAL = 'read-only host files';

/** The messages of a command that writes a shown host file, when the twin knows them; else undefined. */
export function hostWriteFailure(roots: readonly string[]): TwinCommandFailure {
  return (command, site) => {
    const targets = writeTargets(command, site.cwd);
    const onHost = targets.filter((path) => hostVisibility(path, roots).kind === 'host');
    if (onHost.length === 0 || onHost.length !== targets.length) return undefined;
    const known = writtenRedirects(command).length > 0 || baseName(command.name) === 'touch';
    // With a missing directory on the way the error is ENOENT, not EROFS.
    if (!known || !onHost.every((path) => isDirectory(dirname(path)))) return undefined;
    // The bind is read-only per mount, so the kernel checks permissions first: only a new file (creating it needs
    // the mount writable) and `>` on a regular file (truncating does too) fail with EROFS for every user; `>>` or
    // `touch` on an existing file fail with EACCES for an ordinary user.
    const truncates = command.redirects.every(
      (redirect) => redirect.operator === '>' || redirect.operator === '>|',
    );
    const refused = onHost.every((path) => {
      const existing = regularOrMissing(path);
      return (
        existing === 'missing' || (existing === 'file' && truncates && baseName(command.name) !== 'touch')
      );
    });
    if (!refused || !onHost.every(onTopLevelMount)) return undefined;
    return writeFailure(command, 'EROFS');
  };
}

/** The refusal as a carried-out perturbation, when some command of `line` writes a shown host file. */
export function hostWriteRefusal(
  line: string,
  site: { readonly cwd: string; readonly home: string },
  roots: readonly string[],
): Extract<TurnPerturbations, { kind: 'carried-out' }> | undefined {
  // A variable, substitution or glob may name another target than the one parsed here.
  if (/[$`*?[]/.test(line.replaceAll('$?', ''))) return undefined;
  const fail = hostWriteFailure(roots);
  const writes = commandsOfLine(line, site.home).some((command) => fail(command, site) !== undefined);
  if (!writes) return undefined;
  return { kind: 'carried-out', ids: [HOST_WRITE_REFUSAL], readOnlyMounts: [], fail };
}

/** Whether `path` (or, when missing, its directory) lies on the same mount as its top-level directory. */
function onTopLevelMount(path: string): boolean {
  const top = `/${path.split('/').filter(Boolean)[0] ?? ''}`;
  try {
    const device = statSync(top).dev;
    let nearest: number | undefined;
    try {
      nearest = lstatSync(path).dev;
    } catch {
      nearest = statSync(dirname(path)).dev;
    }
    return nearest === device;
  } catch {
    return false;
  }
}

function regularOrMissing(path: string): 'file' | 'missing' | 'other' {
  try {
    return lstatSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
