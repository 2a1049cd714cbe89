/**
 * Runs one command line with a perturbation carried out (see twin-perturbations.ts): pipeline by pipeline, as
 * bash runs them (`;`, `&&`, `||`); a pipeline whose command the perturbation fails prints the failure's messages
 * and leaves its status (failureStatus, as the rendering reckons `$?`) and changes nothing; the others really run.
 * A line the twin cannot split, a failing command inside a longer pipeline, or a command that changes files the
 * perturbation forbids changing is declined.
 */
import { isWithin, normalizePath } from '../../domains/terminal/paths.js';
import { failureStatus } from '../../domains/terminal/perturbations/line-failure.js';
import { commandsOfLine } from '../../domains/terminal/perturbations/shell-commands.js';
import { terminalText } from '../../engines/real/terminal/screen-text.js';
import type { LineContext, LineOutcome, LineWorld } from './run-line.js';
import { pipelinesOf, runStatements } from './run-statements.js';
import type { TurnPerturbations } from './twin-perturbations.js';
import type { FileRecord, VirtualFiles } from './virtual-files.js';

export interface PerturbedLineContext {
  readonly home: string;
  /** Why the twin cannot run this (unperturbed) piece of the line, or undefined. */
  readonly declineReason: (text: string, world: LineWorld) => string | undefined;
  /** How the piece runs (its `ls` width), or a reason to decline it. */
  readonly contextFor: (text: string, world: LineWorld) => LineContext | { readonly declined: string };
}

export async function runPerturbedLine(
  script: string,
  world: LineWorld,
  perturbations: Extract<TurnPerturbations, { kind: 'carried-out' }>,
  context: PerturbedLineContext,
): Promise<LineOutcome> {
  const pieces = pipelinesOf(script);
  if (pieces === undefined) {
    return { kind: 'declined', reason: `${perturbations.ids.join(', ')} on a line the twin cannot split` };
  }
  let current = world;
  let output = '';
  for (const piece of pieces) {
    const status = current.status ?? 0;
    if ((piece.operator === '&&' && status !== 0) || (piece.operator === '||' && status === 0)) continue;
    const commands = commandsOfLine(piece.text, context.home);
    const site = { cwd: current.cwd, home: context.home };
    const failing = commands.flatMap((command) => {
      const messages = perturbations.fail(command, site);
      return messages === undefined ? [] : [{ command, messages }];
    });
    const first = failing[0];
    if (first !== undefined) {
      if (commands.length > 1) {
        return { kind: 'declined', reason: 'a command the perturbation fails inside a pipeline' };
      }
      output += terminalText(`${first.messages.join('\n')}\n`);
      current = { ...current, status: failureStatus(first.command, first.messages) };
      continue;
    }
    const reason = context.declineReason(piece.text, current);
    if (reason !== undefined) return { kind: 'declined', reason };
    const lineContext = context.contextFor(piece.text, current);
    if ('declined' in lineContext) return { kind: 'declined', reason: lineContext.declined };
    const ran = await runStatements(piece.text, current, lineContext);
    if (ran.kind === 'declined') return ran;
    // Only the twin's own files count (its roots): the directories above them are its scaffolding.
    const changed = changedPaths(current.files, ran.world.files).find(
      (path) =>
        lineContext.roots.some((root) => isWithin(path, root)) &&
        perturbations.readOnlyMounts.some((mount) => isWithin(path, normalizePath(mount))),
    );
    if (changed !== undefined) {
      return {
        kind: 'declined',
        reason: `a write the perturbation forbids and the twin cannot word: ${changed}`,
      };
    }
    output += ran.output;
    current = ran.world;
  }
  return { kind: 'ran', output, world: current };
}

function sameRecord(left: FileRecord, right: FileRecord): boolean {
  if (left.kind !== right.kind) return false;
  if (left.kind === 'symlink' || right.kind === 'symlink')
    return left.kind === 'symlink' && right.kind === 'symlink' && left.target === right.target;
  if (left.mode !== right.mode) return false;
  if (left.kind === 'file' && right.kind === 'file') return Buffer.from(left.content).equals(right.content);
  return true;
}

/** Paths made, changed or removed between two states of the twin's files. */
function changedPaths(before: VirtualFiles, after: VirtualFiles): string[] {
  const changed: string[] = [];
  for (const [path, record] of after) {
    const old = before.get(path);
    if (old === undefined || !sameRecord(old, record)) changed.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) changed.push(path);
  return changed;
}
