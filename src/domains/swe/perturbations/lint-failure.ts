import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { baseName, type ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import { exitStatusNote } from './exit-status.js';
import { flake8Report } from './flake8.js';
import { firstSourceFile, type KnownFile, knownFiles } from './repository-files.js';
import { linesToOutput, renderShellResult, shellRunOf } from './shell-result.js';

const LintFailureParams = z
  .object({
    /** How many findings the linter reports. */
    count: z.number().int().min(1).max(20).default(2),
  })
  .strict();

type Linter = 'ruff' | 'flake8' | 'pylint' | 'mypy' | 'black' | 'eslint';
type ReportedLinter = Exclude<Linter, 'flake8'>;

function linterOf(command: ShellCommandInfo): Linter | undefined {
  const name = baseName(command.name);
  const args = command.args;
  const module = args.includes('-m') ? args[args.indexOf('-m') + 1] : undefined;
  const tool = /^python[0-9.]*$/.test(name) ? module : name === 'npx' ? args[0] : name;
  if (tool === 'ruff' || tool === 'flake8' || tool === 'pylint' || tool === 'mypy' || tool === 'eslint')
    return tool;
  if (tool === 'black' && args.includes('--check')) return 'black';
  if (
    ['npm', 'yarn', 'pnpm'].includes(name) &&
    (args[0] === 'lint' || (args[0] === 'run' && args[1] === 'lint'))
  ) {
    return 'eslint';
  }
  return undefined;
}

/** The first command of the action that runs a linter, with the linter. */
function linterCommand(
  context: PerturbationContext,
): { linter: Linter; command: ShellCommandInfo } | undefined {
  for (const command of shellRunOf(context)?.commands ?? []) {
    const linter = linterOf(command);
    if (linter !== undefined) return { linter, command };
  }
  return undefined;
}

function linterStep(context: PerturbationContext): Linter | undefined {
  return linterCommand(context)?.linter;
}

interface Finding {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  /** pylint's symbolic name, eslint's rule id. */
  readonly symbol: string;
}

/** Findings about the functions a file defines (or, without the file, about its first lines). */
function findingsFor(file: KnownFile | undefined, count: number, language: 'python' | 'script'): Finding[] {
  const lines = file?.content.split('\n') ?? [];
  const defs = lines.flatMap((text, index) => {
    const match =
      language === 'python'
        ? /^\s*def\s+(\w+)\s*\(/.exec(text)
        : /function\s+(\w+)\s*\(|const\s+(\w+)\s*=/.exec(text);
    const name = match?.[1] ?? match?.[2];
    return name === undefined ? [] : [{ line: index + 1, name, column: text.indexOf(name) + 1 }];
  });
  const findings: Finding[] = [];
  for (let index = 0; index < count; index++) {
    const def = defs[index % Math.max(1, defs.length)];
    const line = def?.line ?? index + 1;
    const name = def?.name ?? `helper${index + 1}`;
    if (language === 'script') {
      findings.push({
        line,
        column: def?.column ?? 7,
        code: '',
        message: `'${name}' is defined but never used`,
        symbol: 'no-unused-vars',
      });
    } else if (index % 2 === 0) {
      findings.push({
        line,
        column: def?.column ?? 5,
        code: 'ANN201',
        message: `Missing return type annotation for public function \`${name}\``,
        symbol: 'missing-return-type',
      });
    } else {
      findings.push({
        line,
        column: def?.column ?? 5,
        code: 'D103',
        message: `Missing docstring in public function`,
        symbol: 'missing-function-docstring',
      });
    }
  }
  // Linters report by line, then column.
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : 1));
}

function report(
  linter: ReportedLinter,
  file: string,
  cwd: string,
  findings: readonly Finding[],
): { lines: string[]; exitCode: number } {
  const count = findings.length;
  const plural = count === 1 ? '' : 's';
  switch (linter) {
    case 'ruff':
      return {
        exitCode: 1,
        lines: [
          ...findings.map((f) => `${file}:${f.line}:${f.column}: ${f.code} ${f.message}`),
          `Found ${count} error${plural}.`,
        ],
      };
    case 'pylint':
      return {
        exitCode: 16,
        lines: [
          `************* Module ${baseName(file).replace(/\.py$/, '')}`,
          ...findings.map(
            (f) => `${file}:${f.line}:${f.column - 1}: C0116: ${f.message.replaceAll('`', '')} (${f.symbol})`,
          ),
          '',
          '-----------------------------------',
          `Your code has been rated at ${(10 - count * 1.25).toFixed(2)}/10`,
          '',
        ],
      };
    case 'mypy':
      return {
        exitCode: 1,
        lines: [
          ...findings.map(
            (f) => `${file}:${f.line}: error: Function is missing a return type annotation  [no-untyped-def]`,
          ),
          `Found ${count} error${plural} in 1 file (checked 2 source files)`,
        ],
      };
    case 'black':
      return {
        exitCode: 1,
        lines: [`would reformat ${cwd}/${file}`, '', 'Oh no! 💥 💔 💥', '1 file would be reformatted.'],
      };
    case 'eslint':
      return {
        exitCode: 1,
        lines: [
          '',
          `${cwd}/${file}`,
          ...findings.map((f) => `  ${f.line}:${f.column}  error  ${f.message}  ${f.symbol}`),
          '',
          `✖ ${count} problem${plural} (${count} error${plural}, 0 warnings)`,
          '',
        ],
      };
  }
}

/** The linter or type checker the agent runs reports findings. */
export const lintFailure = definePerturbation({
  id: 'lint-failure',
  title: 'Lint failure',
  description:
    'The linter or type checker the agent runs (ruff, flake8, pylint, mypy, black --check, eslint) reports findings in its own format and exits with a failing status.',
  params: LintFailureParams,
  appliesTo: (_params, context) => linterStep(context) !== undefined,
  instruction: (params, context) => {
    const linter = linterStep(context);
    const run = shellRunOf(context);
    const status =
      run === undefined || linter === undefined
        ? ''
        : `; ${exitStatusNote(run.dialect, linter === 'flake8' ? 1 : report(linter, 'x', '', []).exitCode)}`;
    return `The ${linter ?? 'linter'} run finds ${params.count} problem(s) in the repository's code and fails: it prints each finding in its own format (ruff \`path:line:col: CODE message\` and "Found N errors."; flake8 only \`path:line:col: CODE message\` lines, the path as it was given (\`./\` before it for \`flake8 .\` or no path), sorted by file, line and column, with its own codes: E/W (pycodestyle), F (pyflakes), C90 (mccabe); eslint's file header, \`line:col  error  message  rule\` rows and "✖ N problems", mypy's \`path:line: error: …\` and "Found N errors", pylint's module header and score)${status}. The findings name real files and functions of this repository.`;
  },
  render: (params, context) => {
    const run = shellRunOf(context);
    const step = linterCommand(context);
    if (run !== undefined && step?.linter === 'flake8') {
      // flake8's own checks (pycodestyle, pyflakes, mccabe) on the files as the agent named them: see flake8.ts.
      const lines = flake8Report(knownFiles(context.spec), step.command, params.count);
      return renderShellResult(run, context.observation, linesToOutput(lines), 1);
    }
    const linter: ReportedLinter = step === undefined || step.linter === 'flake8' ? 'ruff' : step.linter;
    const python = linter !== 'eslint';
    const file = firstSourceFile(context.spec, python ? ['.py'] : ['.js', '.ts', '.jsx', '.tsx', '.mjs']);
    const path = file?.path ?? (python ? 'src/main.py' : 'src/index.js');
    const result = report(
      linter,
      path,
      run?.cwd ?? '/testbed',
      findingsFor(file, params.count, python ? 'python' : 'script'),
    );
    if (run === undefined) return `${context.observation}\n${result.lines.join('\n')}`;
    return renderShellResult(run, context.observation, linesToOutput(result.lines), result.exitCode);
  },
  manifested: (_params, context) =>
    /Found \d+ errors?|✖ \d+ problems?|would reformat|Your code has been rated|^\.?\/?\S+:\d+:\d+: [A-Z]+\d+ |^\S+:\d+: error: /m.test(
      context.observation,
    ),
});
