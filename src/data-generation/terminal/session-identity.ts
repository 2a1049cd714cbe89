import type { GrammarMode } from '../grammar-mode.js';
import { SeededRandom } from './random.js';

/**
 * Who the shell of one generated session is and where it starts. Three kinds, so that a model trained on the
 * sessions knows more than one prompt: the original `user@sim:~$` world, root in a container (a hex host name,
 * home /root, working in /workspace or /root) and an ordinary user with a name and host of its own
 * (home /home/<name>, sometimes working in /workspace).
 */
export interface ShellIdentity {
  readonly kind: ShellIdentityKind;
  readonly user: string;
  readonly host: string;
  /** `$HOME` inside the sandbox. */
  readonly home: string;
  /**
   * The directory the session starts in and the grammar works under (its files are the ones commands pick
   * from): the home directory, /workspace or /root.
   */
  readonly workspace: string;
}

export type ShellIdentityKind = 'classic' | 'root' | 'named';

/** Whether the identity's shell runs as uid 0 (permissions do not stop it) or as uid 1000. */
export function isPrivileged(identity: ShellIdentity): boolean {
  return identity.user === 'root';
}

/** The prompt bash shows (`\w` puts `~` for the home directory), as the terminal domain's default template. */
export function promptTemplateOf(identity: ShellIdentity): string {
  return `${identity.user}@${identity.host}:\\w${isPrivileged(identity) ? '#' : '$'} `;
}

/** The world every session had before identities varied, and one of the three kinds still. */
export const CLASSIC_IDENTITY: ShellIdentity = {
  kind: 'classic',
  user: 'user',
  host: 'sim',
  home: '/home/user',
  workspace: '/home/user',
};

/** Root in a container named like the classic machine, working in /workspace (a privileged sandbox's default). */
export const DEFAULT_ROOT_IDENTITY: ShellIdentity = {
  kind: 'root',
  user: 'root',
  host: 'sim',
  home: '/root',
  workspace: '/workspace',
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
