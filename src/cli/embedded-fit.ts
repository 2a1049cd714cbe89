import type { WorldSpec } from '../core/world-spec.js';
import {
  DEFAULT_TERMINAL_PROMPT_TEMPLATE,
  renderTerminalPrompt,
  resolveTerminalSetup,
} from '../domains/terminal/index.js';

/** The one world the embedded terminal model was trained on (models/README.md): `user@sim:~$ `, home /home/user. */
const EMBEDDED_MODEL_WORLD = { user: 'user', host: 'sim', home: '/home/user' } as const;

/**
 * Why the embedded model will simulate a spec poorly (another domain, user, host, home or prompt shape than
 * its training world), with the example to use instead; undefined when the spec fits.
 */
export function embeddedModelMismatch(spec: WorldSpec): string | undefined {
  if (spec.domain !== 'terminal') {
    return `note: the embedded model simulates terminals only; ${spec.domain} actions get an "unsupported" answer. Configure a model server (--model-url, --model) for this world.`;
  }
  const setup = resolveTerminalSetup(spec);
  const world = EMBEDDED_MODEL_WORLD;
  const fits =
    setup.user === world.user &&
    setup.host === world.host &&
    setup.home === world.home &&
    setup.promptTemplate === DEFAULT_TERMINAL_PROMPT_TEMPLATE &&
    (setup.cwd === world.home || setup.cwd.startsWith(`${world.home}/`));
  if (fits) return undefined;
  const shown = renderTerminalPrompt(setup, setup.cwd);
  return (
    `note: this spec's shell (prompt "${shown.trimEnd()}", home ${setup.home}) is not the one the embedded model ` +
    `was trained on ("${world.user}@${world.host}:~$", home ${world.home}), so expect poor answers; ` +
    'try `agentworld sim terminal-embedded`, or configure a model server (--model-url, --model).'
  );
}
