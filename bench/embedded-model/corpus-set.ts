import type { SessionRecord } from '../../src/core/turn.js';
import { resolveTerminalSetup } from '../../src/domains/terminal/index.js';
import { checkCommandGrammar, terminalByteLayout } from '../../src/engines/local/index.js';

/** The first word of a command line (after variable assignments), or `keys or waits` for an action that types no single line. */
function programOf(command: string | undefined): string {
  if (command === undefined) return 'keys or waits';
  const words = command.trim().split(/\s+/);
  const first = words.find((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  return first ?? 'assignment';
}

/** `name count` pairs of the most frequent keys, most frequent first. */
function commonest(counts: ReadonlyMap<string, number>, top: number): string {
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, top)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

/**
 * How a set of real sessions from another generator differs from the embedded model's training sessions: the
 * shells they ran in, the share of commands outside the training grammar (which the local engine routes away)
 * and the programs behind them, and the session families named by the ids (`terminal-<family>-<n>`).
 */
export function describeCorpus(sessions: readonly SessionRecord[]): string {
  const shells = new Map<string, number>();
  const families = new Map<string, number>();
  const outside = new Map<string, number>();
  let commands = 0;
  let outsideCount = 0;
  for (const record of sessions) {
    const setup = resolveTerminalSetup(record.spec);
    const shell = `${setup.user === 'root' ? 'root' : 'a named user'} in ${setup.cwd}`;
    shells.set(shell, (shells.get(shell) ?? 0) + 1);
    const family = /^terminal-(.+)-\d+$/.exec(record.id)?.[1] ?? 'unknown';
    families.set(family, (families.get(family) ?? 0) + 1);
    for (const turn of record.turns) {
      const command = terminalByteLayout.commandOfAction(turn.action);
      commands++;
      if (command !== undefined && checkCommandGrammar(command).supported) continue;
      outsideCount++;
      const program = programOf(command);
      outside.set(program, (outside.get(program) ?? 0) + 1);
    }
  }
  const share = ((outsideCount / Math.max(commands, 1)) * 100).toFixed(1);
  return [
    `${sessions.length} sessions recorded by another generator (scripts/record-corpus: real bash in a bubblewrap sandbox with git and Python 3; host names are container ids).`,
    `  Shells: ${commonest(shells, 4)} (training: user@sim, root and named users, at home or in /workspace).`,
    `  Families: ${commonest(families, 12)}.`,
    `  ${outsideCount} of ${commands} actions (${share} %) are outside the model's training grammar (or are keys); their programs: ${commonest(outside, 12)}.`,
  ].join('\n');
}
