/**
 * Who a sandboxed shell is and where it starts (the terminal generator draws one per session; the classic
 * `user@sim` world and root in a container are the two fixed ones).
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
