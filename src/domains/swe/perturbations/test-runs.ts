import type { WorldSpec } from '../../../core/world-spec.js';
import { baseName, type ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import { isTestFile, type KnownFile, knownFiles } from './repository-files.js';

/** The test runners whose reports the swe perturbations can write. */
export type TestFramework = 'pytest' | 'unittest' | 'jest' | 'go' | 'cargo';

/** One test as its runner names it. */
export interface TestCase {
  /** The file holding it, relative to the repository (empty when unknown). */
  readonly file: string;
  /** The test's own name (`test_add`, `adds numbers`, `TestAdd`). */
  readonly name: string;
  /** The class or suite around it, when there is one. */
  readonly suite?: string;
  /** The source lines of the test (for pytest's failure excerpt), when the file is known. */
  readonly source?: readonly string[];
  /** 1-based line of the test's last source line shown. */
  readonly line?: number;
}

/** The runner a command starts, if it runs tests. */
export function testFrameworkOf(command: ShellCommandInfo): TestFramework | undefined {
  const name = baseName(command.name);
  const args = command.args;
  if (name === 'pytest' || name === 'py.test' || name === 'tox' || name === 'nox') return 'pytest';
  if (/^python[0-9.]*$/.test(name)) {
    const module = args[args.indexOf('-m') + 1];
    if (args.includes('-m') && module === 'pytest') return 'pytest';
    if (args.includes('-m') && module === 'unittest') return 'unittest';
    return undefined;
  }
  if (name === 'jest' || name === 'vitest' || name === 'mocha') return 'jest';
  if (name === 'npx' && ['jest', 'vitest', 'mocha'].includes(args[0] ?? '')) return 'jest';
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(name)) {
    const script = args[0] === 'run' ? args[1] : args[0];
    return script === 'test' || script === 't' ? 'jest' : undefined;
  }
  if (name === 'go' && args[0] === 'test') return 'go';
  if (name === 'cargo' && args[0] === 'test') return 'cargo';
  if (name === 'make' && args.some((arg) => arg === 'test' || arg === 'check')) return 'pytest';
  return undefined;
}

/** The runner of the first test command in a list of commands. */
export function firstTestFramework(commands: readonly ShellCommandInfo[]): TestFramework | undefined {
  for (const command of commands) {
    const framework = testFrameworkOf(command);
    if (framework !== undefined) return framework;
  }
  return undefined;
}

function pythonTests(file: KnownFile): TestCase[] {
  const lines = file.content.split('\n');
  const tests: TestCase[] = [];
  let suite: string | undefined;
  lines.forEach((text, index) => {
    const cls = /^class\s+(\w+)/.exec(text);
    if (cls !== null) suite = cls[1];
    else if (/^\S/.test(text)) suite = undefined;
    const def = /^(\s*)def\s+(test\w*)\s*\(/.exec(text);
    if (def === null) return;
    const indent = def[1] ?? '';
    const body: string[] = [text];
    for (let next = index + 1; next < lines.length; next++) {
      const line = lines[next] as string;
      if (line.trim() !== '' && !line.startsWith(`${indent} `) && !line.startsWith(`${indent}\t`)) break;
      body.push(line);
    }
    while (body.length > 1 && (body[body.length - 1] as string).trim() === '') body.pop();
    tests.push({
      file: file.path,
      name: def[2] as string,
      ...(indent !== '' && suite !== undefined ? { suite } : {}),
      source: body,
      line: index + body.length,
    });
  });
  return tests;
}

function scriptTests(file: KnownFile): TestCase[] {
  return [...file.content.matchAll(/\b(?:it|test)\(\s*(['"`])(.+?)\1/g)].map((match) => ({
    file: file.path,
    name: match[2] as string,
  }));
}

function goTests(file: KnownFile): TestCase[] {
  return [...file.content.matchAll(/^func\s+(Test\w+)\s*\(/gm)].map((match) => ({
    file: file.path,
    name: match[1] as string,
  }));
}

function rustTests(file: KnownFile): TestCase[] {
  return [...file.content.matchAll(/#\[test\]\s*(?:#\[[^\]]*\]\s*)*fn\s+(\w+)/g)].map((match) => ({
    file: file.path,
    name: match[1] as string,
    suite: 'tests',
  }));
}

const FALLBACK: Record<TestFramework, TestCase> = {
  pytest: { file: 'tests/test_main.py', name: 'test_main' },
  unittest: { file: 'tests/test_main.py', name: 'test_main', suite: 'TestMain' },
  jest: { file: 'src/index.test.js', name: 'works' },
  go: { file: 'main_test.go', name: 'TestMain' },
  cargo: { file: 'src/lib.rs', name: 'it_works', suite: 'tests' },
};

/** The tests the repository's known files define, for a runner. */
export function knownTests(spec: WorldSpec, framework: TestFramework): TestCase[] {
  const files = knownFiles(spec);
  switch (framework) {
    case 'pytest':
    case 'unittest':
      return files.filter((file) => isTestFile(file.path) && file.path.endsWith('.py')).flatMap(pythonTests);
    case 'jest':
      return files
        .filter((file) => isTestFile(file.path) && /\.[cm]?[jt]sx?$/.test(file.path))
        .flatMap(scriptTests);
    case 'go':
      return files.filter((file) => file.path.endsWith('_test.go')).flatMap(goTests);
    case 'cargo':
      return files.filter((file) => file.path.endsWith('.rs')).flatMap(rustTests);
  }
}

/**
 * The tests that fail: the ones named (`file::name`, `file::Class::name` or a bare name, looked up among the
 * known tests), or else the first known test (a made-up one when the repository shows none).
 */
export function failingTests(
  spec: WorldSpec,
  framework: TestFramework,
  named: readonly string[],
): TestCase[] {
  const known = knownTests(spec, framework);
  if (named.length === 0) return [known[0] ?? FALLBACK[framework]];
  return named.map((id) => {
    const parts = id.split('::');
    const name = parts[parts.length - 1] as string;
    const file = parts.length > 1 ? (parts[0] as string) : undefined;
    const found = known.find((test) => test.name === name && (file === undefined || test.file === file));
    if (found !== undefined) return found;
    const suite = parts.length > 2 ? parts[1] : undefined;
    return {
      file: file ?? known[0]?.file ?? FALLBACK[framework].file,
      name,
      ...(suite === undefined ? {} : { suite }),
    };
  });
}

/** How the runner names a test in its summary. */
export function testId(test: TestCase, framework: TestFramework): string {
  switch (framework) {
    case 'pytest':
      return [test.file, test.suite, test.name]
        .filter((part) => part !== undefined && part !== '')
        .join('::');
    case 'unittest':
      return `${test.name} (${test.file.replace(/\.py$/, '').replaceAll('/', '.')}.${test.suite ?? 'Test'}.${test.name})`;
    case 'jest':
      return test.name;
    case 'go':
      return test.name;
    case 'cargo':
      return `${test.suite ?? 'tests'}::${test.name}`;
  }
}

const WIDTH = 80;

/** A pytest section bar: the title centred in a line of `char`s. */
export function pytestBar(title: string, char = '='): string {
  if (title === '') return char.repeat(WIDTH);
  const inner = ` ${title} `;
  const left = Math.max(1, Math.floor((WIDTH - inner.length) / 2));
  const right = Math.max(1, WIDTH - inner.length - left);
  return `${char.repeat(left)}${inner}${char.repeat(right)}`;
}

/** The exit status each runner uses when tests fail. */
export const FAILED_EXIT_CODE: Record<TestFramework, number> = {
  pytest: 1,
  unittest: 1,
  jest: 1,
  go: 1,
  cargo: 101,
};

function pytestFailure(
  tests: readonly TestCase[],
  cwd: string,
  error: string,
  all: readonly TestCase[],
): string[] {
  const collected = Math.max(all.length, tests.length);
  const failedIds = new Set(tests.map((test) => testId(test, 'pytest')));
  const byFile = new Map<string, string>();
  for (const test of all.length > 0 ? all : tests) {
    const mark = failedIds.has(testId(test, 'pytest')) ? 'F' : '.';
    byFile.set(test.file, `${byFile.get(test.file) ?? ''}${mark}`);
  }
  for (const test of tests) if (!byFile.has(test.file)) byFile.set(test.file, 'F');
  const progress = [...byFile].map(([file, marks], index, entries) => {
    const done = entries.slice(0, index + 1).reduce((sum, [, text]) => sum + text.length, 0);
    const percent = `[${String(Math.round((done / Math.max(1, collected)) * 100)).padStart(3)}%]`;
    const text = `${file} ${marks}`;
    return `${text}${' '.repeat(Math.max(1, WIDTH - text.length - percent.length))}${percent}`;
  });
  const kind = error.split(':')[0] ?? 'AssertionError';
  const sections = tests.flatMap((test) => {
    const source = test.source ?? [`    def ${test.name}():`];
    const shown = source.map((line, index) => (index === source.length - 1 ? `>   ${line}` : `    ${line}`));
    return [
      pytestBar([test.suite, test.name].filter(Boolean).join('.'), '_'),
      '',
      ...shown,
      `E       ${error}`,
      '',
      `${test.file}:${test.line ?? 1}: ${kind}`,
    ];
  });
  const passed = collected - tests.length;
  const counts = `${tests.length} failed${passed > 0 ? `, ${passed} passed` : ''} in 0.12s`;
  return [
    pytestBar('test session starts'),
    'platform linux -- Python 3.11.9, pytest-8.2.2, pluggy-1.5.0',
    `rootdir: ${cwd}`,
    `collected ${collected} item${collected === 1 ? '' : 's'}`,
    '',
    ...progress,
    '',
    pytestBar('FAILURES'),
    ...sections,
    pytestBar('short test summary info'),
    ...tests.map((test) => `FAILED ${testId(test, 'pytest')} - ${error}`),
    pytestBar(counts),
  ];
}

function unittestFailure(
  tests: readonly TestCase[],
  cwd: string,
  error: string,
  all: readonly TestCase[],
): string[] {
  const total = Math.max(all.length, tests.length);
  const failed = new Set(tests.map((test) => test.name));
  const marks = (all.length > 0 ? all : tests).map((test) => (failed.has(test.name) ? 'F' : '.')).join('');
  const blocks = tests.flatMap((test) => [
    '='.repeat(70),
    `FAIL: ${testId(test, 'unittest')}`,
    '-'.repeat(70),
    'Traceback (most recent call last):',
    `  File "${cwd}/${test.file}", line ${test.line ?? 1}, in ${test.name}`,
    `    ${(test.source?.[test.source.length - 1] ?? '').trim() || 'self.fail()'}`,
    error,
    '',
  ]);
  return [
    marks,
    ...blocks,
    '-'.repeat(70),
    `Ran ${total} test${total === 1 ? '' : 's'} in 0.004s`,
    '',
    `FAILED (failures=${tests.length})`,
  ];
}

function jestFailure(tests: readonly TestCase[], error: string, all: readonly TestCase[]): string[] {
  const total = Math.max(all.length, tests.length);
  const files = [...new Set(tests.map((test) => test.file))];
  const passed = total - tests.length;
  return [
    ...files.flatMap((file) => [
      ` FAIL  ${file}`,
      ...tests.filter((test) => test.file === file).map((test) => `  ✕ ${test.name} (3 ms)`),
      '',
    ]),
    ...tests.flatMap((test) => [`  ● ${test.name}`, '', `    ${error}`, '']),
    `Test Suites: ${files.length} failed, ${files.length} total`,
    `Tests:       ${tests.length} failed, ${passed > 0 ? `${passed} passed, ` : ''}${total} total`,
    'Snapshots:   0 total',
    'Time:        0.842 s',
    'Ran all test suites.',
  ];
}

function goFailure(tests: readonly TestCase[], error: string): string[] {
  return [
    ...tests.flatMap((test) => [
      `--- FAIL: ${test.name} (0.00s)`,
      `    ${test.file || 'main_test.go'}:12: ${error}`,
    ]),
    'FAIL',
    'FAIL\texample.com/project\t0.004s',
    'FAIL',
  ];
}

function cargoFailure(tests: readonly TestCase[], error: string, all: readonly TestCase[]): string[] {
  const total = Math.max(all.length, tests.length);
  const failed = new Set(tests.map((test) => testId(test, 'cargo')));
  const listed = all.length > 0 ? all : tests;
  return [
    '',
    `running ${total} test${total === 1 ? '' : 's'}`,
    ...listed.map(
      (test) => `test ${testId(test, 'cargo')} ... ${failed.has(testId(test, 'cargo')) ? 'FAILED' : 'ok'}`,
    ),
    '',
    'failures:',
    '',
    ...tests.flatMap((test) => [
      `---- ${testId(test, 'cargo')} stdout ----`,
      `thread '${testId(test, 'cargo')}' panicked at ${test.file || 'src/lib.rs'}:10:9:`,
      error,
      '',
    ]),
    'failures:',
    ...tests.map((test) => `    ${testId(test, 'cargo')}`),
    '',
    `test result: FAILED. ${total - tests.length} passed; ${tests.length} failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s`,
    '',
    'error: test failed, to rerun pass `--lib`',
  ];
}

/** The report a runner prints when `tests` fail with `error` (the rest of the known tests passing). */
export function renderTestFailures(
  framework: TestFramework,
  tests: readonly TestCase[],
  options: { readonly cwd: string; readonly error: string; readonly spec: WorldSpec },
): string[] {
  const all = knownTests(options.spec, framework);
  switch (framework) {
    case 'pytest':
      return pytestFailure(tests, options.cwd, options.error, all);
    case 'unittest':
      return unittestFailure(tests, options.cwd, options.error, all);
    case 'jest':
      return jestFailure(tests, options.error, all);
    case 'go':
      return goFailure(tests, options.error);
    case 'cargo':
      return cargoFailure(tests, options.error, all);
  }
}

/** Any runner's sign that tests failed. */
export const TEST_FAILURE_PATTERN =
  /(?:^|\s)FAILED\b|\b\d+ failed\b|--- FAIL:|^FAIL\b|^ ?FAIL\s|✕|● |test result: FAILED|FAILED \(failures=/m;

/** Whether an observation reports these tests as failing (each test's name shown, and a failure sign). */
export function showsFailingTests(observation: string, tests: readonly TestCase[]): boolean {
  return TEST_FAILURE_PATTERN.test(observation) && tests.every((test) => observation.includes(test.name));
}
