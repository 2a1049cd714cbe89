import { spawnSync } from 'node:child_process';

/**
 * A python3 interpreter that can import the given modules, for tests that compare with training/ (Debian's
 * /usr/bin/python3 may hold numpy and torch where another python3 on the PATH does not). Undefined when none.
 */
export function findPython(modules: readonly string[] = []): string | undefined {
  const script = modules.map((module) => `import ${module}`).join('; ') || 'pass';
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', script], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}
