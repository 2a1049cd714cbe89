import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { failCommandLine } from '../../terminal/perturbations/line-failure.js';
import {
  NETWORK_FAILURE_PATTERN,
  networkFailureLines,
  networkUseOf,
  reachesHost,
} from '../../terminal/perturbations/network-errors.js';
import type { ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import { exitStatusNote } from './exit-status.js';
import { linesToOutput, renderShellResult, shellOutputOf, shellRunOf } from './shell-result.js';

const NetworkBlockedParams = z
  .object({
    /** `dns`: names do not resolve (a sandbox without network); `unreachable`: no route to any address. */
    failure: z.enum(['dns', 'unreachable']).default('dns'),
    /** Only these hosts (and their subdomains) are blocked; empty: all of them. */
    hosts: z.array(z.string().min(1)).default([]),
  })
  .strict();
type NetworkBlockedParams = z.output<typeof NetworkBlockedParams>;

/** The exit status each tool ends with when the network fails. */
const EXIT_CODES: Record<string, number> = {
  curl: 6,
  wget: 4,
  git: 128,
  pip: 1,
  pip3: 1,
  npm: 1,
  apt: 100,
  'apt-get': 100,
  ping: 2,
};

/** The exit status of a tool failing this way: curl tells a name that does not resolve (6) from no route (7). */
function exitCodeOf(name: string, failure: NetworkBlockedParams['failure']): number {
  if (name === 'curl' && failure === 'unreachable') return 7;
  return EXIT_CODES[name] ?? 1;
}

function blocked(params: NetworkBlockedParams, command: ShellCommandInfo): readonly string[] | undefined {
  const use = networkUseOf(command);
  if (use === undefined || !reachesHost(use, params.hosts)) return undefined;
  return networkFailureLines(command, params.failure);
}

function blockedCommands(params: NetworkBlockedParams, context: PerturbationContext): ShellCommandInfo[] {
  return (shellRunOf(context)?.commands ?? []).filter((command) => blocked(params, command) !== undefined);
}

/** Network access from the sandbox fails: installs, clones and downloads error out. */
export const networkBlocked = definePerturbation({
  id: 'network-blocked',
  title: 'Network blocked',
  description:
    'The sandbox has no network (or some hosts are blocked): pip, npm, git clone/fetch, curl and wget fail with their real resolution or connection errors.',
  params: NetworkBlockedParams,
  appliesTo: (params, context) => blockedCommands(params, context).length > 0,
  instruction: (params, context) => {
    const run = shellRunOf(context);
    const first = blockedCommands(params, context)[0];
    const lines = first === undefined ? [] : (blocked(params, first) ?? []);
    const scope =
      params.hosts.length === 0
        ? 'The sandbox has no network access'
        : `The hosts ${params.hosts.join(', ')} are blocked`;
    const how =
      params.failure === 'dns'
        ? 'host names do not resolve, so network commands fail with their own resolution errors (curl "Could not resolve host", pip retrying with "Temporary failure in name resolution" then "No matching distribution found", git "unable to access … Could not resolve host", npm "EAI_AGAIN")'
        : 'there is no route to any address, so network commands fail with "Network is unreachable" in their own words';
    const expected = lines.length === 0 ? '' : ` Here the output ends with \`${lines[lines.length - 1]}\``;
    const status =
      run === undefined || first === undefined
        ? ''
        : `; ${exitStatusNote(run.dialect, exitCodeOf(first.name, params.failure))}`;
    return `${scope}: ${how}.${expected === '' && status === '' ? '' : `${expected}${status}.`}`;
  },
  render: (params, context) => {
    const run = shellRunOf(context);
    if (run === undefined) return context.observation;
    const original = shellOutputOf(context.observation, run.dialect);
    const lines: string[] = [];
    let replaced = false;
    let exitCode = 0;
    const commandLines = run.command.split('\n');
    // One command line: its later commands' output (`curl …; echo status $?`) is told apart from the real output.
    const realLines =
      commandLines.length === 1 && original !== '' ? original.replace(/\n$/, '').split('\n') : undefined;
    let own = original;
    /** The status the last line leaves when its later commands' effect was worked out. */
    let worked: number | undefined;
    for (const line of commandLines) {
      const result = failCommandLine(
        line,
        (command) => {
          const failed = blocked(params, command);
          if (failed !== undefined) exitCode = exitCodeOf(command.name, params.failure);
          return failed;
        },
        '/root',
        realLines,
        (command) => exitCodeOf(command.name, params.failure),
      );
      if (result === undefined) continue;
      replaced ||= result.mode === 'replace';
      lines.push(...result.lines, ...(result.after ?? []));
      if (realLines !== undefined && result.tailLines !== undefined && result.tailLines > 0) {
        own = linesToOutput(realLines.slice(0, realLines.length - result.tailLines));
      }
      worked = result.status;
    }
    const kept = replaced || own === '' ? '' : own.endsWith('\n') ? own : `${own}\n`;
    return renderShellResult(
      run,
      context.observation,
      `${kept}${linesToOutput(lines)}`,
      worked ?? (exitCode === 0 ? 1 : exitCode),
    );
  },
  manifested: (_params, context) => NETWORK_FAILURE_PATTERN.test(context.observation),
});
