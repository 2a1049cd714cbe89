import type { WorldSpec } from '../core/world-spec.js';
import {
  DEFAULT_TERMINAL_PROMPT_TEMPLATE,
  renderTerminalPrompt,
  resolveTerminalSetup,
} from '../domains/terminal/index.js';
import { mcpModelSubject, mcpSpecMismatch } from '../engines/local/mcp-spec-fit.js';
import type { EmbeddedModelLayout } from '../engines/local/model-layout.js';

/** The one world the embedded terminal model was trained on (models/README.md): `user@sim:~$ `, home /home/user. */
const EMBEDDED_MODEL_WORLD = { user: 'user', host: 'sim', home: '/home/user' } as const;

/** Why an embedded mcp model cannot simulate a spec (another domain, another server, a server with state). */
function mcpModelMismatch(spec: WorldSpec, model: EmbeddedModelLayout): string | undefined {
  if (spec.domain !== 'mcp') {
    return `note: the embedded model simulates ${mcpModelSubject(model)} only; ${spec.domain} actions get an "unsupported" answer. Configure a model server (--model-url, --model) for this world.`;
  }
  const reason = mcpSpecMismatch(spec, model);
  if (reason === undefined) return undefined;
  return `note: the embedded model cannot simulate ${reason}, so every call gets an "unsupported" answer. Configure a model server (--model-url, --model) for this world.`;
}

/**
 * Why the embedded model will simulate a spec poorly, with what to use instead; undefined when the spec fits.
 * For the terminal model (the default, or `model` of the terminal layout): another domain, user, host, home or
 * prompt shape than its training world. For an mcp model: another domain, another server, or a server that does
 * not start empty.
 */
export function embeddedModelMismatch(spec: WorldSpec, model?: EmbeddedModelLayout): string | undefined {
  if (model?.domain === 'mcp') return mcpModelMismatch(spec, model);
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
