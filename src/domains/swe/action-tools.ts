import { commandsOfLine } from '../terminal/perturbations/shell-commands.js';
import type { SweAction } from './actions.js';
import { shellCommand } from './ledger.js';

/**
 * What a swe action uses, as a rule's `when.tool` matches it: the tool name (`Bash`, `Read`, `run_shell_command`
 * …), and for shell tools every program the command line starts (`git`, `pytest`), with the module of
 * `python -m X` and the package of `npx X` as well.
 */
export function sweActionTools(action: SweAction): string[] {
  const names = new Set<string>([action.name]);
  const command = shellCommand(action);
  if (command === undefined) return [...names];
  for (const line of command.split('\n')) {
    for (const simple of commandsOfLine(line)) {
      if (simple.name === '') continue;
      names.add(simple.name);
      const at = simple.args.indexOf('-m');
      const module = at === -1 ? undefined : simple.args[at + 1];
      if (/^python[0-9.]*$/.test(simple.name) && module !== undefined) names.add(module);
      if (simple.name === 'npx' && simple.args[0] !== undefined) names.add(simple.args[0]);
    }
  }
  return [...names];
}
