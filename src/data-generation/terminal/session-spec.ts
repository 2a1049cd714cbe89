import type { WorldSpec } from '../../core/world-spec.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { SANDBOX_HOME, SANDBOX_HOST, SANDBOX_USER } from './sandbox-command.js';

/** The one small, fixed WorldSpec every generated terminal session carries. */
export const GENERATED_SESSION_SPEC_INPUT = {
  id: 'datagen-terminal',
  description: 'A sandboxed Linux shell for an ordinary user, whose home directory starts empty.',
  domain: 'terminal',
  dialect: 'terminus',
  initialState: {
    data: { cwd: SANDBOX_HOME, user: SANDBOX_USER, host: SANDBOX_HOST, home: SANDBOX_HOME },
  },
  simulationInstructions:
    'bash 5 runs interactively as the unprivileged user "user" (no rc files) on a machine without network. ' +
    'GNU coreutils, grep, sed and awk are installed; the root file system is read-only, /tmp is private, and ' +
    'the home directory /home/user starts empty. Everything runs in the C locale on an 80-column terminal.',
  maxTurns: 50,
} as const;

let parsed: WorldSpec | undefined;

/** The parsed spec (defaults filled in), made once. */
export function generatedSessionSpec(): WorldSpec {
  parsed ??= WorldSpecSchema.parse(GENERATED_SESSION_SPEC_INPUT);
  return parsed;
}
