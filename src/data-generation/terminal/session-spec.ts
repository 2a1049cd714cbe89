import type { WorldSpec } from '../../core/world-spec.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { CLASSIC_IDENTITY, isPrivileged, type ShellIdentity } from './session-identity.js';

/** The WorldSpec input of a generated session whose shell has `identity`. */
export function generatedSessionSpecInput(identity: ShellIdentity = CLASSIC_IDENTITY) {
  const who = isPrivileged(identity)
    ? 'bash 5 runs interactively as root (no rc files) in a container without network.'
    : `bash 5 runs interactively as the unprivileged user "${identity.user}" (no rc files) on a machine without network.`;
  const where =
    identity.workspace === identity.home
      ? `the home directory ${identity.home} starts empty.`
      : `the home directory ${identity.home} and the working directory ${identity.workspace} start empty.`;
  return {
    id: 'datagen-terminal',
    description: isPrivileged(identity)
      ? `A sandboxed Linux container where root works in ${identity.workspace}, which starts empty.`
      : `A sandboxed Linux shell for an ordinary user, whose ${identity.workspace === identity.home ? 'home directory' : 'working directory'} starts empty.`,
    domain: 'terminal',
    dialect: 'terminus',
    initialState: {
      data: { cwd: identity.workspace, user: identity.user, host: identity.host, home: identity.home },
    },
    simulationInstructions:
      `${who} GNU coreutils, grep, sed and awk are installed; the system directories are read-only, /tmp is ` +
      `private, and ${where} Everything runs in the C locale on an 80-column terminal.`,
    maxTurns: 50,
  } as const;
}

/** The classic session's spec input (`user@sim`, home /home/user). */
export const GENERATED_SESSION_SPEC_INPUT = generatedSessionSpecInput(CLASSIC_IDENTITY);

/**
 * The parsed spec (defaults filled in) of a generated session whose shell has `identity`. Made per session: most
 * identities are new (a made-up user or host), and parsing costs well under a millisecond.
 */
export function generatedSessionSpec(identity: ShellIdentity = CLASSIC_IDENTITY): WorldSpec {
  return WorldSpecSchema.parse(generatedSessionSpecInput(identity));
}
