import { basename } from 'node:path';
import type { WorldSpec } from '../core/world-spec.js';
import { renderTerminalPrompt, resolveTerminalSetup } from '../domains/terminal/index.js';
import { BUNDLED_MODELS, findBundledModel } from '../engines/local/bundled-model.js';
import { readModelFileLayout } from '../engines/local/gguf-metadata.js';
import { mcpModelSubject, mcpSpecMismatch } from '../engines/local/mcp-spec-fit.js';
import type { EmbeddedModelLayout } from '../engines/local/model-layout.js';
import { EMBEDDED_TERMINAL_SHELLS, terminalSpecMismatch } from '../engines/local/terminal-spec-fit.js';

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
 * For the terminal model (the default, or `model` of the terminal layout): another domain, or a shell unlike the
 * ones it was trained on (`terminalSpecMismatch`). For an mcp model: another domain, another server, or a server
 * that does not start empty.
 */
export function embeddedModelMismatch(spec: WorldSpec, model?: EmbeddedModelLayout): string | undefined {
  if (model?.domain === 'mcp') return mcpModelMismatch(spec, model);
  if (spec.domain !== 'terminal') {
    return `note: the embedded model simulates terminals only; ${spec.domain} actions get an "unsupported" answer. Configure a model server (--model-url, --model) for this world.`;
  }
  const reason = terminalSpecMismatch(spec);
  if (reason === undefined) return undefined;
  const setup = resolveTerminalSetup(spec);
  const shown = renderTerminalPrompt(setup, setup.cwd);
  return (
    `note: this spec's shell (prompt "${shown.trimEnd()}") has ${reason}, unlike the shells the embedded model ` +
    `was trained on (${EMBEDDED_TERMINAL_SHELLS}), so expect poor answers; ` +
    'try `agentworld sim terminal-embedded`, or configure a model server (--model-url, --model).'
  );
}

/**
 * Why the embedded model is not the default engine of a spec, or undefined when it is: a terminal world whose
 * shell is like the ones the terminal model was trained on (`terminalSpecMismatch`), with `localModel` or the
 * shipped terminal model; an mcp world whose server is the one an mcp-layout model names and starts empty
 * (`mcpSpecMismatch`), with that model given as `localModel` or shipped as models/agentworld-mcp.gguf. The
 * reason completes "the embedded model is not used for this world: …".
 */
export function embeddedModelUnfit(spec: WorldSpec, localModel: string | undefined): string | undefined {
  if (spec.domain === 'mcp') return mcpModelUnfit(spec, localModel);
  if (spec.domain !== 'terminal') return `no embedded model simulates ${spec.domain} worlds`;
  if (localModel === undefined && findBundledModel('terminal') === undefined) {
    return `this installation has no models/${BUNDLED_MODELS.terminal} (or pass --local-model FILE.gguf)`;
  }
  const reason = terminalSpecMismatch(spec);
  if (reason === undefined) return undefined;
  return `its shell has ${reason}, unlike the shells the embedded terminal model was trained on (--engine local uses it anyway)`;
}

function mcpModelUnfit(spec: WorldSpec, localModel: string | undefined): string | undefined {
  const path = localModel ?? findBundledModel('mcp');
  if (path === undefined) {
    return `this installation has no models/${BUNDLED_MODELS.mcp} (or pass --local-model FILE.gguf)`;
  }
  const layout = readModelFileLayout(path);
  // A --local-model file that cannot be read goes to the local engine, whose error names the file.
  if (layout === undefined) {
    return localModel === undefined ? `models/${BUNDLED_MODELS.mcp} cannot be read` : undefined;
  }
  if (layout.domain !== 'mcp') return `${basename(path)} is not an mcp model`;
  const reason = mcpSpecMismatch(spec, layout);
  return reason === undefined ? undefined : `the embedded mcp model cannot simulate ${reason}`;
}
