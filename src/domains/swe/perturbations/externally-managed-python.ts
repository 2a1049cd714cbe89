import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { baseName, operandsOf, type ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import { exitStatusNote } from './exit-status.js';
import { linesToOutput, renderShellResult, shellRunOf } from './shell-result.js';

const ExternallyManagedPythonParams = z
  .object({
    /** The Python version the distribution ships (shown in the README path of the message). */
    pythonVersion: z
      .string()
      .regex(/^3\.\d+$/, 'a version such as 3.12')
      .default('3.12'),
  })
  .strict();

/** Whether a command installs into the system Python with pip (not into a virtual environment). */
function isSystemPipInstall(command: ShellCommandInfo): boolean {
  const name = baseName(command.name);
  if (command.name.includes('venv') || command.name.includes('.env/')) return false;
  if (command.args.includes('--break-system-packages')) return false;
  // pip skips the PEP 668 check when told where to install (--target, --prefix, --root): nothing goes into the
  // system site-packages.
  if (command.args.some((arg) => /^(?:-t|--target|--prefix|--root)(?:=|$)/.test(arg) || /^-t./.test(arg)))
    return false;
  if (/^pip[0-9.]*$/.test(name)) return operandsOf(command)[0] === 'install';
  if (/^python[0-9.]*$/.test(name)) {
    const at = command.args.indexOf('-m');
    return at !== -1 && command.args[at + 1] === 'pip' && command.args[at + 2] === 'install';
  }
  return false;
}

function systemPipInstall(context: PerturbationContext): ShellCommandInfo | undefined {
  const run = shellRunOf(context);
  if (run === undefined || /\b(?:venv|virtualenv|uv pip|pipx|conda)\b|\/bin\/activate/.test(run.command))
    return undefined;
  return run.commands.find(isSystemPipInstall);
}

/**
 * pip's refusal under PEP 668. The `error:`, `×`, `╰─>` and `hint:` lines are pip's fixed frame; the
 * explanation inside it comes from the distribution and is written here in our own words.
 */
function refusal(pythonVersion: string): string[] {
  return [
    'error: externally-managed-environment',
    '',
    '× This environment is externally managed',
    '╰─> This Python belongs to the operating system, which installs its packages',
    '    with apt (python3-<name>). To use packages from PyPI, make a virtual',
    '    environment with python3 -m venv .venv and install into it with',
    '    .venv/bin/pip, or install applications with pipx.',
    '    ',
    `    More on this in /usr/share/doc/python${pythonVersion}/README.venv.`,
    '',
    'note: Installing here can break packages the operating system relies on. If you are sure, pass --break-system-packages to override this at your own risk.',
    'hint: See PEP 668 for the detailed specification.',
  ];
}

/** pip refuses to install into the distribution's Python (PEP 668). */
export const externallyManagedPython = definePerturbation({
  id: 'externally-managed-python',
  title: 'Externally managed Python (PEP 668)',
  description:
    'The system Python is managed by the OS: `pip install` outside a virtual environment refuses with "error: externally-managed-environment" and installs nothing.',
  params: ExternallyManagedPythonParams,
  appliesTo: (_params, context) => systemPipInstall(context) !== undefined,
  instruction: (params, context) => {
    const run = shellRunOf(context);
    const status = run === undefined ? 'it exits with status 1' : exitStatusNote(run.dialect, 1);
    return `The system Python ${params.pythonVersion} is externally managed (PEP 668): a pip install outside a virtual environment installs nothing and prints only pip's refusal, starting with \`error: externally-managed-environment\`, then \`× This environment is externally managed\` and a \`╰─>\` box advising apt packages, a venv or pipx, then a note mentioning --break-system-packages and \`hint: See PEP 668 for the detailed specification.\`; ${status}. Inside a virtual environment, or with --break-system-packages, pip works normally.`;
  },
  render: (params, context) => {
    // A real system Python that is externally managed already refused: its own text (its distribution's advice,
    // its Python version) stays as it is.
    if (/^error: externally-managed-environment$/m.test(context.observation)) return context.observation;
    const run = shellRunOf(context);
    const lines = refusal(params.pythonVersion);
    if (run === undefined) return `${context.observation}\n${lines.join('\n')}`;
    return renderShellResult(run, context.observation, linesToOutput(lines), 1);
  },
  manifested: (_params, context) =>
    /externally-managed-environment|externally managed/i.test(context.observation),
});
