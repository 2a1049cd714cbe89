import { readdirSync, readFileSync } from 'node:fs';
import { AgentWorldError } from '../../../core/errors.js';
import { findExecutable } from '../sandbox/find-executable.js';

/** Debian's Chromium (`apt-get install chromium`), or `chromium-browser`, found on PATH or in /usr/bin. */
export function findChromium(): string | undefined {
  return findExecutable('chromium') ?? findExecutable('chromium-browser');
}

export function requireChromium(executablePath?: string): string {
  const path = executablePath ?? findChromium();
  if (path === undefined) {
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      'The real web engine needs Chromium (apt-get install chromium), and none is on PATH.',
    );
  }
  return path;
}

/** The environment of a browser (or browser server) whose HOME and XDG folders are all in `home`. */
export function browserEnvironment(home: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) environment[key] = value;
  return {
    ...environment,
    HOME: home,
    XDG_CONFIG_HOME: home,
    XDG_CACHE_HOME: home,
    XDG_DATA_HOME: home,
  };
}

/**
 * The processes started with `HOME=<home>` (a browser and everything it started), found in /proc: the engine's
 * temporary HOME is unique to one browser, so this names exactly its processes.
 */
export function processesWithHome(home: string): number[] {
  const found: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  const needle = `HOME=${home}\0`;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (`${readFileSync(`/proc/${entry}/environ`, 'latin1')}\0`.includes(needle)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found.sort((left, right) => left - right);
}

function commandLineOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
  } catch {
    return [];
  }
}

/** The main Chromium process among the processes of `home` (the one without a `--type=` of a child process). */
export function browserProcessOf(home: string): number | undefined {
  return processesWithHome(home).find((pid) => {
    const argv = commandLineOf(pid);
    return /chrom(e|ium)[^/]*$/.test(argv[0] ?? '') && !argv.some((arg) => arg.startsWith('--type='));
  });
}

/** Whether a process of `home` is still running (not gone, not a zombie, not another process with its id). */
export function isRunning(pid: number, home: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    return false;
  }
  return processesWithHome(home).includes(pid);
}

/** The `@playwright/mcp` server among the processes of `home` (node running its `cli.js`). */
export function serverProcessOf(home: string): number | undefined {
  return processesWithHome(home).find((pid) =>
    commandLineOf(pid).some((arg) => arg.endsWith('/@playwright/mcp/cli.js')),
  );
}
