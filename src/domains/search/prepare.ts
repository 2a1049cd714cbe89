import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { compileToolSchema, parseSearchAction, searchToolsOf } from './dialects/search/index.js';
import { parseSearchInitialData } from './initial-data.js';

function invalid(path: string, message: string, cause?: unknown): AgentWorldError {
  return new AgentWorldError('INVALID_SPEC', `Invalid WorldSpec at ${path}: ${message}`, {
    details: { path },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Checks what a search spec adds on top of the WorldSpec schema: its `initialState.data` keys, its own tool
 * list (unique names, usable input schemas), completion tools, and that demonstration actions are valid calls.
 * Returns the spec unchanged.
 */
export async function prepareSearchSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  const data = parseSearchInitialData(spec);
  if (spec.toolsFrom !== undefined) {
    throw new AgentWorldError(
      'UNSUPPORTED',
      'Invalid WorldSpec at $.toolsFrom: the search domain does not fetch tools from a server; list them in `tools`.',
      { details: { path: '$.toolsFrom' } },
    );
  }
  if (spec.tools !== undefined) {
    if (spec.tools.length === 0) throw invalid('$.tools', 'a search world needs at least one tool');
    const seen = new Set<string>();
    spec.tools.forEach((tool, index) => {
      if (seen.has(tool.name))
        throw invalid(`$.tools[${index}].name`, `tool name "${tool.name}" appears twice`);
      seen.add(tool.name);
      try {
        compileToolSchema(tool);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw invalid(`$.tools[${index}].inputSchema`, reason, error);
      }
    });
  }
  const names = searchToolsOf(spec).map((tool) => tool.name);
  data.completionTools.forEach((name, index) => {
    if (!names.includes(name)) {
      throw invalid(`$.initialState.data.completionTools[${index}]`, `"${name}" is not one of the tools`);
    }
  });
  spec.demonstrations.forEach((demonstration, demoIndex) => {
    demonstration.turns.forEach((turn, turnIndex) => {
      try {
        parseSearchAction(turn.action, spec);
      } catch (error) {
        if (!isAgentWorldError(error)) throw error;
        throw invalid(`$.demonstrations[${demoIndex}].turns[${turnIndex}].action`, error.message, error);
      }
    });
  });
  return spec;
}
