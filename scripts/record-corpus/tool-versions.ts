/** The versions of the real tools a corpus part was recorded with, for its manifest. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function commandVersion(command: string, args: readonly string[], pattern: RegExp): string {
  try {
    const output = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return pattern.exec(output)?.[1] ?? 'unknown';
  } catch {
    return 'missing';
  }
}

export function packageVersion(root: string, name: string): string {
  try {
    const json = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return json.version ?? 'unknown';
  } catch {
    return 'missing';
  }
}

export const bashVersion = (): string => commandVersion('bash', ['--version'], /version (\d+\.\d+\.\d+)/);
export const gitVersion = (): string => commandVersion('git', ['--version'], /git version (\S+)/);
export const pythonVersion = (): string => commandVersion('python3', ['--version'], /Python (\S+)/);
