import {
  CLASSIC_IDENTITY,
  DEFAULT_ROOT_IDENTITY,
  isPrivileged,
  promptTemplateOf,
  type ShellIdentity,
  type ShellIdentityKind,
} from '../../engines/real/terminal/shell-identity.js';
import { SeededRandom } from './random.js';
import type { GrammarMode } from './terminal-grammar-mode.js';

export {
  CLASSIC_IDENTITY,
  DEFAULT_ROOT_IDENTITY,
  isPrivileged,
  promptTemplateOf,
  type ShellIdentity,
  type ShellIdentityKind,
};

/** The directory a container's work happens in when it is not root's home. */
export const CONTAINER_WORKSPACE = '/workspace';

/** How often each kind is drawn. */
const KIND_WEIGHTS: ReadonlyArray<readonly [ShellIdentityKind, number]> = [
  ['classic', 0.35],
  ['root', 0.35],
  ['named', 0.3],
];

const NAME_SYLLABLES = [
  'al',
  'an',
  'ben',
  'bo',
  'car',
  'da',
  'dev',
  'el',
  'em',
  'fin',
  'ga',
  'han',
  'is',
  'jo',
  'kai',
  'la',
  'li',
  'ma',
  'mi',
  'na',
  'ni',
  'ol',
  'pa',
  'ra',
  'ro',
  'sam',
  'sa',
  'ta',
  'ti',
  'va',
  'yu',
  'zo',
] as const;
const NAME_ENDINGS = ['', '', '', 'n', 'r', 's', 'x', 'ra', 'na', 'el', 'ie', 'o'] as const;
const SERVICE_USERS = [
  'dev',
  'ubuntu',
  'admin',
  'builder',
  'runner',
  'agent',
  'app',
  'ci',
  'test',
  'work',
] as const;
const HOST_WORDS = [
  'box',
  'dev',
  'lab',
  'node',
  'ws',
  'build',
  'vm',
  'sandbox',
  'laptop',
  'server',
  'pc',
  'host',
  'runner',
  'worker',
  'desk',
  'alpha',
  'beta',
  'gamma',
  'delta',
  'orion',
  'atlas',
  'pine',
  'cedar',
  'maple',
  'falcon',
] as const;

function userName(random: SeededRandom): string {
  if (random.chance(0.3)) return random.pick(SERVICE_USERS);
  let name = random.pick(NAME_SYLLABLES);
  if (random.chance(0.6)) name += random.pick(NAME_SYLLABLES);
  name += random.pick(NAME_ENDINGS);
  return random.chance(0.15) ? `${name}${random.int(1, 99)}` : name;
}

function hexHost(random: SeededRandom): string {
  let host = '';
  for (let index = 0; index < 12; index++) host += '0123456789abcdef'[random.int(0, 15)];
  return host;
}

function wordHost(random: SeededRandom): string {
  const word = random.pick(HOST_WORDS);
  const roll = random.next();
  if (roll < 0.35) return word;
  if (roll < 0.7) return `${word}${random.int(1, 40)}`;
  return `${word}-${random.pick(HOST_WORDS)}`;
}

/**
 * The identity of session `index`: a pure function of (grammar, seed, index), drawn from a generator of its own
 * so that adding identities left the sessions' commands as they were drawn before.
 */
export function drawShellIdentity(grammar: GrammarMode, seed: number, index: number): ShellIdentity {
  const random = new SeededRandom(`agentworld-datagen-terminal-identity:${grammar}:${seed}:${index}`);
  const kind = random.weighted(KIND_WEIGHTS);
  if (kind === 'classic') return CLASSIC_IDENTITY;
  if (kind === 'root') {
    const host = random.chance(0.8) ? hexHost(random) : wordHost(random);
    const workspace = random.chance(0.75) ? CONTAINER_WORKSPACE : '/root';
    return { kind, user: 'root', host, home: '/root', workspace };
  }
  let user = userName(random);
  if (user === 'root' || user === 'user') user = `${user}1`;
  const home = `/home/${user}`;
  const workspace = random.chance(0.8) ? home : CONTAINER_WORKSPACE;
  return { kind, user, host: wordHost(random), home, workspace };
}
