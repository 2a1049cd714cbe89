import { posix } from 'node:path';
import type { WorldSpec } from '../../../core/world-spec.js';
import { readSweInitialData } from '../initial-data.js';

/** A file of the repository whose content the spec gives. */
export interface KnownFile {
  /** Relative to the repository folder (`tests/test_calc.py`). */
  readonly path: string;
  readonly content: string;
}

/** The files the spec's initial state gives, relative to the repository folder, in the spec's order. */
export function knownFiles(spec: WorldSpec): KnownFile[] {
  try {
    const data = readSweInitialData(spec);
    return Object.entries(data.files).map(([path, content]) => {
      const absolute = posix.resolve(data.cwd, path);
      const relative = posix.relative(data.cwd, absolute);
      return { path: relative.startsWith('..') ? absolute : relative, content };
    });
  } catch {
    return [];
  }
}

const TEST_FILE =
  /(?:^|\/)(?:test_[^/]+\.py|[^/]+_test\.py|[^/]+\.(?:test|spec)\.[cm]?[jt]sx?|[^/]+_test\.go)$/;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** The first known source file (not a test) with one of the extensions, or undefined. */
export function firstSourceFile(spec: WorldSpec, extensions: readonly string[]): KnownFile | undefined {
  return knownFiles(spec).find(
    (file) => !isTestFile(file.path) && extensions.some((extension) => file.path.endsWith(extension)),
  );
}

/** A stable short commit hash for messages that show one. */
export function shortHash(seed: string): string {
  let hash = 2166136261;
  for (const char of seed) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, 7);
}
