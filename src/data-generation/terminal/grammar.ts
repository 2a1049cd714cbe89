import { AGENT_FAMILIES } from './families/agent-families.js';
import type { CommandDraft, CommandFamily } from './families/command-family.js';
import { EXTENSION_FAMILIES } from './families/extension-families.js';
import { TRAINING_FAMILIES } from './families/training-families.js';
import type { GrammarView } from './grammar-view.js';
import type { GrammarMode } from './terminal-grammar-mode.js';

export { GRAMMAR_MODES, type GrammarMode } from './terminal-grammar-mode.js';

/** A drawn command with the family that made it. */
export interface DrawnCommand extends CommandDraft {
  readonly family: string;
}

/**
 * Extra weight per family name for a training stream (e.g. `{ wc: 3 }` draws `wc` three times as often), so that
 * training can dwell on the families a model gets wrong while held-out sets keep the grammar's own mix.
 */
export type FamilyEmphasis = Readonly<Record<string, number>>;

/**
 * Parses `wc=3,ls=2` into a FamilyEmphasis, checking every name against the grammar's families and every factor
 * against (0, 100]; throws a RangeError naming the bad entry.
 */
export function parseFamilyEmphasis(text: string, mode: GrammarMode): FamilyEmphasis {
  const known = new Set(grammarFamilies(mode).map((family) => family.name));
  const emphasis: Record<string, number> = {};
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const match = /^([a-z][a-z-]*)=(\d+(?:\.\d+)?)$/.exec(entry);
    if (match === null) throw new RangeError(`"${entry}" is not FAMILY=FACTOR (e.g. wc=3)`);
    const [, name = '', factorText = ''] = match;
    if (!known.has(name)) {
      throw new RangeError(`no family "${name}" in the ${mode} grammar (families: ${[...known].join(', ')})`);
    }
    const factor = Number(factorText);
    if (!(factor > 0 && factor <= 100)) throw new RangeError(`the factor of ${name} must be in (0, 100]`);
    emphasis[name] = factor;
  }
  return emphasis;
}

/** Share of turns the held-out families get in extension mode. */
const EXTENSION_SHARE = 0.35;
/** Share of turns the agent families get in agent mode (the rest keeps the training grammar's mix). */
const AGENT_SHARE = 0.4;

/**
 * The families a grammar mode draws from: extension mode the training families plus the held-out ones, agent
 * mode the training families plus the agent ones.
 */
export function grammarFamilies(mode: GrammarMode): readonly CommandFamily[] {
  if (mode === 'extension') return [...TRAINING_FAMILIES, ...EXTENSION_FAMILIES];
  if (mode === 'agent') return [...TRAINING_FAMILIES, ...AGENT_FAMILIES];
  return TRAINING_FAMILIES;
}

/** The weight factor that gives the added families of a mode their share of the turns. */
function shareFactor(family: CommandFamily, added: readonly CommandFamily[], share: number): number {
  const total = (list: readonly CommandFamily[]): number => list.reduce((sum, item) => sum + item.weight, 0);
  return added.includes(family) ? (share * total(TRAINING_FAMILIES)) / ((1 - share) * total(added)) : 1;
}

function familyWeight(
  family: CommandFamily,
  view: GrammarView,
  mode: GrammarMode,
  emphasis: FamilyEmphasis | undefined,
): number {
  if (view.here === undefined && family.anywhere !== true) return 0;
  let weight = family.weight * (emphasis?.[family.name] ?? 1);
  // An almost empty workspace gives most families nothing to work on: make things first.
  const files = view.state.entries.length;
  if (family.creates === true && files < 3) weight *= 4;
  if (mode === 'extension') weight *= shareFactor(family, EXTENSION_FAMILIES, EXTENSION_SHARE);
  if (mode === 'agent') weight *= shareFactor(family, AGENT_FAMILIES, AGENT_SHARE);
  return weight;
}

/**
 * Draws the next command: a family in proportion to its weight, then the family builds a command from the real
 * workspace. A family with nothing to do in this state is skipped and another one drawn.
 */
export function drawCommand(view: GrammarView, mode: GrammarMode, emphasis?: FamilyEmphasis): DrawnCommand {
  const families = grammarFamilies(mode);
  const weighted = families
    .map((family) => [family, familyWeight(family, view, mode, emphasis)] as const)
    .filter(([, weight]) => weight > 0);
  for (let attempt = 0; attempt < 50; attempt++) {
    const family = view.random.weighted(weighted);
    const built = family.build(view);
    if (built === undefined) continue;
    const draft: CommandDraft = typeof built === 'string' ? { text: built } : built;
    return { ...draft, family: family.name };
  }
  return { text: 'pwd', family: 'cd' };
}
