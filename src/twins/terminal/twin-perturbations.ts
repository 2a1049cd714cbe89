/**
 * The terminal perturbations the twin carries out on its own world, rather than leaving them to the session's
 * rendering: a full disk (`no-space-left`: every write under the mount fails with ENOSPC and changes nothing), a
 * read-only mount (`read-only-filesystem`: EROFS, nothing changes) and a missing program (`command-not-found`:
 * `bash: NAME: command not found`, status 127, it does not run). The failing commands print the catalog's own
 * texts (file-errors.ts, the same the rendering puts on the real engine's screen), so the twin's screen equals the
 * real engine's perturbed one; the commands around them really run, on the twin's state.
 *
 * The rest of the catalog (permission-denied, file-missing, network-unreachable, command-hangs, oom-killed) is
 * not carried out: on such a turn the twin answers as without it (or declines the command as ever) and the
 * session renders the entry into the answer, exactly as it does for the real engine.
 */
import { SessionControl } from '../../control/index.js';
import type { PredictRequest } from '../../core/engine.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { terminalDomain } from '../../domains/terminal/index.js';
import type { CommandSite } from '../../domains/terminal/perturbations/command-failure.js';
import { isUnder, writeFailure, writeTargets } from '../../domains/terminal/perturbations/file-errors.js';
import {
  actionCommands,
  isExternalCommand,
  isPathCommand,
  type ShellCommandInfo,
} from '../../domains/terminal/perturbations/shell-commands.js';

/** The catalog entries the twin carries out on its own world. */
export const CARRIED_OUT_PERTURBATIONS: readonly string[] = [
  'no-space-left',
  'read-only-filesystem',
  'command-not-found',
];

/** The messages a command prints when the perturbation makes it fail; undefined when it runs as usual. */
export type TwinCommandFailure = (
  command: ShellCommandInfo,
  site: CommandSite,
) => readonly string[] | undefined;

/** What the twin does about the perturbations injected on one turn. */
export type TurnPerturbations =
  /** None is injected. */
  | { readonly kind: 'none' }
  /** Every injected entry is one the twin carries out: `fail` says which commands fail and how. */
  | {
      readonly kind: 'carried-out';
      readonly ids: readonly string[];
      /** Mounts where writes fail (nothing under them may change). */
      readonly readOnlyMounts: readonly string[];
      readonly fail: TwinCommandFailure;
    }
  /** Some injected entry is not one the twin carries out: it answers as without them; the session renders all. */
  | { readonly kind: 'rendered'; readonly ids: readonly string[] };

const mountOf = (params: Readonly<Record<string, unknown>>): string =>
  typeof params.mount === 'string' ? params.mount : '/';

/** The same commands the catalog entries fail (see their modules in src/domains/terminal/perturbations). */
function failureOf(
  id: string,
  params: Readonly<Record<string, unknown>>,
  action: unknown,
): TwinCommandFailure | undefined {
  if (id === 'no-space-left' || id === 'read-only-filesystem') {
    const mount = mountOf(params);
    const errno = id === 'no-space-left' ? 'ENOSPC' : 'EROFS';
    return (command, site) =>
      writeTargets(command, site.cwd).some((path) => isUnder(path, mount))
        ? writeFailure(command, errno)
        : undefined;
  }
  if (id === 'command-not-found') {
    const named = typeof params.command === 'string' ? params.command : '';
    const program =
      named !== ''
        ? named
        : actionCommands(action).find((command) => isExternalCommand(command) && !isPathCommand(command.name))
            ?.name;
    return (command) =>
      program !== undefined && command.name === program ? [`bash: ${program}: command not found`] : undefined;
  }
  return undefined;
}

/**
 * The perturbations the session injects on this turn, worked out as the session does (the spec's rules, the seed,
 * the turn index and the action), and what the twin does about them.
 */
export function turnPerturbations(
  request: Pick<PredictRequest, 'spec' | 'seed' | 'turnIndex' | 'action'>,
): TurnPerturbations {
  const spec: WorldSpec = request.spec;
  if (spec.perturbations === undefined || spec.perturbations.length === 0) return { kind: 'none' };
  const control = new SessionControl(spec, terminalDomain);
  const injections = control.planTurn({
    seed: request.seed,
    turnIndex: request.turnIndex,
    action: request.action,
    actionText: terminalDomain.renderAction(request.action as never, spec),
  });
  if (injections.length === 0) return { kind: 'none' };
  const ids = injections.map((injection) => injection.rule.definition.id);
  const failures: TwinCommandFailure[] = [];
  const readOnlyMounts: string[] = [];
  for (const { rule } of injections) {
    const failure = failureOf(rule.definition.id, rule.params as Record<string, unknown>, request.action);
    if (failure === undefined) return { kind: 'rendered', ids };
    failures.push(failure);
    if (rule.definition.id !== 'command-not-found') readOnlyMounts.push(mountOf(rule.params as never));
  }
  return {
    kind: 'carried-out',
    ids,
    readOnlyMounts,
    fail: (command, site) => {
      for (const failure of failures) {
        const messages = failure(command, site);
        if (messages !== undefined) return messages;
      }
      return undefined;
    },
  };
}
