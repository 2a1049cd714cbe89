import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { PerturbationRule } from '../core/perturbation.js';
import { parseWith } from '../core/validation.js';
import type { WorldSpec } from '../core/world-spec.js';
import { parseWorldSpec } from '../session/create-env.js';
import { readSpecFile } from '../session/spec-file.js';
import { inlineWorldFile } from '../worlds/world-reference.js';
import { type Task, TaskSchema } from './task-schema.js';
import { verifierProblem } from './verifiers/index.js';

/** A task read from disk: the validated task and its world, with the instruction as the spec's `task`. */
export interface LoadedTask {
  readonly task: Task;
  /** The validated WorldSpec (without the curriculum: see `specForEpisode`). */
  readonly spec: WorldSpec;
  /** Where it came from (absolute path), or `<inline>`. */
  readonly source: string;
}

const TASK_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

function invalidTask(
  source: string,
  message: string,
  details: Record<string, unknown> = {},
): AgentWorldError {
  return new AgentWorldError('INVALID_SPEC', `Task ${source}: ${message}`, {
    details: { file: source, ...details },
  });
}

/**
 * Validates a task value (already parsed from JSON/YAML): the task schema, its world (a bundled example name, a
 * `{file}` relative to `baseDirectory`, or inline), and every verifier against that world's domain. Errors are
 * INVALID_SPEC naming the source and the path of the bad field.
 */
export async function parseTask(
  value: unknown,
  options: { source?: string; baseDirectory?: string } & CallOptions = {},
): Promise<LoadedTask> {
  const source = options.source ?? '<inline>';
  let task: Task;
  try {
    task = parseWith(TaskSchema, value, 'INVALID_SPEC', 'task');
  } catch (error) {
    const known = error as AgentWorldError;
    throw invalidTask(source, known.message, known.details);
  }
  const base = options.baseDirectory ?? process.cwd();
  const read = options.signal === undefined ? {} : { signal: options.signal };
  let rawSpec: unknown;
  try {
    if (typeof task.spec === 'string') {
      const isName = !task.spec.includes('/') && extname(task.spec) === '';
      rawSpec = await readSpecFile(isName ? task.spec : resolve(base, task.spec), read);
    } else if (typeof task.spec.file === 'string' && Object.keys(task.spec).length === 1) {
      rawSpec = await readSpecFile(resolve(base, task.spec.file), read);
    } else {
      // An inline world's `world: { file }` is relative to the task file, as a spec file's is to the spec.
      rawSpec = await inlineWorldFile(task.spec, base, read);
    }
  } catch (error) {
    throw invalidTask(source, `$.spec: ${(error as Error).message}`, { path: '$.spec' });
  }
  if (rawSpec === null || typeof rawSpec !== 'object' || Array.isArray(rawSpec)) {
    throw invalidTask(source, '$.spec: the world is not a JSON object', { path: '$.spec' });
  }
  let spec: WorldSpec;
  try {
    spec = parseWorldSpec({ ...(rawSpec as Record<string, unknown>), task: task.instruction });
  } catch (error) {
    throw invalidTask(source, `$.spec: ${(error as Error).message}`, { path: '$.spec' });
  }
  task.verifiers.forEach((verifier, index) => {
    const problem = verifierProblem(verifier, spec);
    if (problem !== undefined) {
      throw invalidTask(source, `$.verifiers[${index}] (${verifier.type}): ${problem}`, {
        path: `$.verifiers[${index}]`,
      });
    }
  });
  // Curriculum rules are checked against the domain's catalog now, not at the first episode that uses them.
  task.curriculum.forEach((stage, index) => {
    try {
      parseWorldSpec({ ...spec, perturbations: [...spec.perturbations, ...stage.perturbations] });
    } catch (error) {
      throw invalidTask(source, `$.curriculum[${index}]: ${(error as Error).message}`, {
        path: `$.curriculum[${index}]`,
      });
    }
  });
  return { task, spec, source };
}

/** Reads one task file (.json, .yaml or .yml). */
export async function loadTask(path: string, options: CallOptions = {}): Promise<LoadedTask> {
  const source = resolve(path);
  let text: string;
  try {
    text = await readFile(source, { encoding: 'utf8', signal: options.signal });
  } catch (error) {
    throw invalidTask(
      source,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let value: unknown;
  try {
    value = extname(source) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw invalidTask(source, `does not parse: ${(error as Error).message}`);
  }
  return parseTask(value, { source, baseDirectory: dirname(source), signal: options.signal });
}

/**
 * Loads a task file, or every task file (.json, .yaml, .yml) of a folder and its subfolders, sorted by path.
 * Two tasks with the same id are refused (naming both files).
 */
export async function loadTasks(pathOrDirectory: string, options: CallOptions = {}): Promise<LoadedTask[]> {
  const root = resolve(pathOrDirectory);
  const files = await taskFilesIn(root);
  const tasks: LoadedTask[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const loaded = await loadTask(file, options);
    const other = seen.get(loaded.task.id);
    if (other !== undefined) {
      throw invalidTask(file, `duplicate task id "${loaded.task.id}" (also in ${other})`, { path: '$.id' });
    }
    seen.set(loaded.task.id, file);
    tasks.push(loaded);
  }
  return tasks;
}

/** The task files a path names: the file itself, or every .json/.yaml/.yml file under a folder, sorted. */
export async function taskFilesIn(pathOrDirectory: string): Promise<string[]> {
  const root = resolve(pathOrDirectory);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(root)).isDirectory();
  } catch (error) {
    throw invalidTask(
      root,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return isDirectory ? taskFiles(root) : [root];
}

async function taskFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await taskFiles(path)));
    else if (entry.isFile() && TASK_EXTENSIONS.has(extname(entry.name))) files.push(path);
  }
  return files.sort();
}

/** The curriculum rules in force for an episode: those of the last stage whose `fromEpisode` it has reached. */
export function curriculumFor(task: Task, episodeIndex: number): PerturbationRule[] {
  let rules: PerturbationRule[] = [];
  let from = -1;
  for (const stage of task.curriculum) {
    if (stage.fromEpisode <= episodeIndex && stage.fromEpisode >= from) {
      rules = [...stage.perturbations];
      from = stage.fromEpisode;
    }
  }
  return rules;
}

/** The spec an episode runs in: the task's world with the curriculum rules of that episode added to its own. */
export function specForEpisode(loaded: LoadedTask, episodeIndex: number): WorldSpec {
  const extra = curriculumFor(loaded.task, episodeIndex);
  const spec: WorldSpec = { ...loaded.spec, perturbations: [...loaded.spec.perturbations, ...extra] };
  const maxTurns = loaded.task.budgets.maxTurns;
  return maxTurns === undefined ? spec : { ...spec, maxTurns: Math.min(spec.maxTurns, maxTurns) };
}
