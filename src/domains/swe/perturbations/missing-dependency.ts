import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { baseName, type ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import { exitStatusNote } from './exit-status.js';
import { knownFiles } from './repository-files.js';
import { linesToOutput, renderShellResult, type ShellRun, shellRunOf } from './shell-result.js';
import { pytestBar, testFrameworkOf } from './test-runs.js';

const MissingDependencyParams = z
  .object({
    /** The module that is not installed; empty: the first third-party import found, else a common one. */
    module: z
      .string()
      .regex(/^[@A-Za-z0-9_./-]*$/, 'a module or package name')
      .default(''),
  })
  .strict();
type MissingDependencyParams = z.output<typeof MissingDependencyParams>;

type Language = 'python' | 'node';

/** How the command runs code: a Python script, `python -c`, pytest, or a Node script / npm script. */
interface CodeRun {
  readonly language: Language;
  readonly kind: 'script' | 'inline' | 'pytest' | 'npm';
  /** The script file, relative as typed. */
  readonly script: string | undefined;
}

function codeRunOf(command: ShellCommandInfo): CodeRun | undefined {
  const name = baseName(command.name);
  if (testFrameworkOf(command) === 'pytest' || testFrameworkOf(command) === 'unittest') {
    return { language: 'python', kind: 'pytest', script: undefined };
  }
  if (/^python[0-9.]*$/.test(name)) {
    if (command.args.includes('-c')) return { language: 'python', kind: 'inline', script: undefined };
    if (command.args.includes('-m')) return { language: 'python', kind: 'inline', script: undefined };
    const script = command.args.find((arg) => !arg.startsWith('-'));
    return script === undefined ? undefined : { language: 'python', kind: 'script', script };
  }
  if (name === 'node' || name === 'ts-node' || name === 'tsx') {
    const script = command.args.find((arg) => !arg.startsWith('-'));
    return script === undefined ? undefined : { language: 'node', kind: 'script', script };
  }
  if (
    ['npm', 'yarn', 'pnpm'].includes(name) &&
    ['test', 'start', 'run', 't'].includes(command.args[0] ?? '')
  ) {
    return { language: 'node', kind: 'npm', script: undefined };
  }
  return undefined;
}

function firstCodeRun(run: ShellRun | undefined): CodeRun | undefined {
  for (const command of run?.commands ?? []) {
    const found = codeRunOf(command);
    if (found !== undefined) return found;
  }
  return undefined;
}

const PYTHON_STDLIB = new Set(
  'abc argparse array ast asyncio base64 bisect collections contextlib copy csv dataclasses datetime decimal enum functools glob hashlib heapq html http importlib inspect io itertools json logging math multiprocessing operator os pathlib pickle platform pprint queue random re shutil signal socket sqlite3 statistics string struct subprocess sys tempfile textwrap threading time timeit traceback types typing unittest urllib uuid warnings weakref xml zipfile zlib __future__'.split(
    ' ',
  ),
);
const NODE_BUILTINS = new Set(
  'assert buffer child_process crypto events fs http https net os path process querystring readline stream url util zlib'.split(
    ' ',
  ),
);

function importsOf(text: string, language: Language): string[] {
  if (language === 'python') {
    return [
      ...text.matchAll(
        /(?:^|[;\n'"]|\s)(?:from\s+([A-Za-z_][\w.]*)\s+import|import\s+([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*))/g,
      ),
    ].flatMap((match) =>
      (match[1] ?? match[2] ?? '').split(',').map((name) => name.trim().split('.')[0] as string),
    );
  }
  return [...text.matchAll(/(?:require\(\s*|from\s+|import\s+)(['"])([^'"]+)\1/g)]
    .map((match) => match[2] as string)
    .filter((name) => !name.startsWith('.') && !name.startsWith('/'))
    .map((name) =>
      name.startsWith('node:')
        ? 'fs'
        : name.startsWith('@')
          ? name.split('/').slice(0, 2).join('/')
          : (name.split('/')[0] as string),
    );
}

/** The missing module: the one named, else the first import that is neither standard nor part of the repository. */
function missingModule(
  params: MissingDependencyParams,
  context: PerturbationContext,
): { module: string; language: Language } {
  const run = shellRunOf(context);
  const code = firstCodeRun(run);
  const language: Language = code?.language ?? 'python';
  if (params.module !== '') return { module: params.module, language };
  const files = knownFiles(context.spec);
  const local = new Set(
    files.map((file) => (file.path.split('/')[0] as string).replace(/\.(py|[cm]?[jt]sx?)$/, '')),
  );
  const sources = [
    run?.command ?? '',
    ...files
      .filter((file) =>
        language === 'python' ? file.path.endsWith('.py') : /\.[cm]?[jt]sx?$/.test(file.path),
      )
      .map((file) => file.content),
  ];
  const builtins = language === 'python' ? PYTHON_STDLIB : NODE_BUILTINS;
  for (const source of sources) {
    const found = importsOf(source, language).find((name) => !builtins.has(name) && !local.has(name));
    if (found !== undefined) return { module: found, language };
  }
  return { module: language === 'python' ? 'requests' : 'express', language };
}

function absolute(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd}/${path.replace(/^\.\//, '')}`;
}

function pythonReport(code: CodeRun, module: string, cwd: string): { lines: string[]; exitCode: number } {
  if (code.kind === 'pytest') {
    const file = 'tests/test_main.py';
    return {
      exitCode: 2,
      lines: [
        pytestBar('test session starts'),
        'platform linux -- Python 3.11.9, pytest-8.2.2, pluggy-1.5.0',
        `rootdir: ${cwd}`,
        'collected 0 items / 1 error',
        '',
        pytestBar('ERRORS'),
        pytestBar(`ERROR collecting ${file}`, '_'),
        `ImportError while importing test module '${cwd}/${file}'.`,
        'Hint: make sure your test modules/packages have valid Python names.',
        'Traceback:',
        `${file}:1: in <module>`,
        `    import ${module}`,
        `E   ModuleNotFoundError: No module named '${module}'`,
        pytestBar('short test summary info'),
        `ERROR ${file}`,
        pytestBar('Interrupted: 1 error during collection', '!'),
        pytestBar('1 error in 0.08s'),
      ],
    };
  }
  const where =
    code.kind === 'script' && code.script !== undefined
      ? [`  File "${absolute(cwd, code.script)}", line 1, in <module>`, `    import ${module}`]
      : ['  File "<string>", line 1, in <module>'];
  return {
    exitCode: 1,
    lines: [
      'Traceback (most recent call last):',
      ...where,
      `ModuleNotFoundError: No module named '${module}'`,
    ],
  };
}

function nodeReport(code: CodeRun, module: string, cwd: string): { lines: string[]; exitCode: number } {
  const script = absolute(cwd, code.script ?? 'index.js');
  return {
    exitCode: 1,
    lines: [
      'node:internal/modules/cjs/loader:1228',
      '  throw err;',
      '  ^',
      '',
      `Error: Cannot find module '${module}'`,
      'Require stack:',
      `- ${script}`,
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
      '    at Module._load (node:internal/modules/cjs/loader:1051:27)',
      `    at Object.<anonymous> (${script}:1:17) {`,
      "  code: 'MODULE_NOT_FOUND',",
      `  requireStack: [ '${script}' ]`,
      '}',
      '',
      'Node.js v20.17.0',
    ],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A module the code imports is not installed. */
export const missingDependency = definePerturbation({
  id: 'missing-dependency',
  title: 'Missing dependency',
  description:
    'A package the code imports is not installed: Python fails with ModuleNotFoundError (pytest with a collection error), Node with "Cannot find module".',
  params: MissingDependencyParams,
  appliesTo: (_params, context) => firstCodeRun(shellRunOf(context)) !== undefined,
  instruction: (params, context) => {
    const { module, language } = missingModule(params, context);
    const run = shellRunOf(context);
    const failure =
      language === 'python'
        ? `Python stops at the import with a traceback ending in \`ModuleNotFoundError: No module named '${module}'\` (under pytest: "ImportError while importing test module", \`E   ModuleNotFoundError: No module named '${module}'\` and "Interrupted: 1 error during collection")`
        : `Node stops with \`Error: Cannot find module '${module}'\`, a Require stack and \`code: 'MODULE_NOT_FOUND'\``;
    const exitCode = firstCodeRun(run)?.kind === 'pytest' ? 2 : 1;
    const status = run === undefined ? '' : `; ${exitStatusNote(run.dialect, exitCode)}`;
    return `The package \`${module}\` is not installed in this environment, so code that imports it fails: ${failure}${status}. \`pip list\` / \`npm ls\` do not show it.`;
  },
  render: (params, context) => {
    const run = shellRunOf(context);
    const code = firstCodeRun(run) ?? { language: 'python', kind: 'inline', script: undefined };
    const { module } = missingModule(params, context);
    const cwd = run?.cwd ?? '/testbed';
    const report =
      code.language === 'python' ? pythonReport(code, module, cwd) : nodeReport(code, module, cwd);
    if (run === undefined) return `${context.observation}\n${report.lines.join('\n')}`;
    return renderShellResult(run, context.observation, linesToOutput(report.lines), report.exitCode);
  },
  manifested: (params, context) => {
    const { module } = missingModule(params, context);
    const name = escapeRegExp(module);
    return new RegExp(
      `No module named '?${name}|Cannot find (?:module|package) '${name}|ERR_MODULE_NOT_FOUND.*${name}`,
    ).test(context.observation);
  },
});
