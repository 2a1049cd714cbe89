import { ANSWER_RULES, fence, OBSERVATION_MARKER, renderTurnPrompt } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { worldFactsSection } from '../../worlds/world-prompt.js';

/** The parts every domain's system prompt is made of, in this order. */
export interface SystemPromptParts {
  /** Who the world model is and what it must do. */
  readonly role: string;
  /** The dialect's action space: what actions look like and mean. */
  readonly actionSpace: string;
  /** How observations must be formatted and how the world behaves (domain rules). */
  readonly simulationRules: string;
  /** Tool definitions as text (mcp, search, swe); omitted when the domain has none. */
  readonly toolDefinitions?: string | undefined;
}

/** Renders the spec's demonstrations as worked turns, each action fenced as the domain fences it. */
export function renderDemonstrations(spec: WorldSpec, renderAction: (action: unknown) => string): string {
  const blocks: string[] = [];
  spec.demonstrations.forEach((demonstration, demoIndex) => {
    const lines: string[] = [
      `### Example ${demoIndex + 1}${demonstration.title ? `: ${demonstration.title}` : ''}`,
    ];
    demonstration.turns.forEach((turn, turnIndex) => {
      const sections = turn.state === undefined ? [] : [{ heading: 'Current State', body: turn.state }];
      lines.push(renderTurnPrompt(turnIndex + 1, sections, renderAction(turn.action)));
      lines.push(`${OBSERVATION_MARKER}\n${turn.observation}`);
    });
    blocks.push(lines.join('\n\n'));
  });
  return blocks.join('\n\n');
}

function section(heading: string, body: string | undefined): string | undefined {
  if (body === undefined || body.trim().length === 0) return undefined;
  return `## ${heading}\n${body.trim()}`;
}

/** The initial state, simulation instructions and fictional-world facts, as headed sections. */
function specSections(spec: WorldSpec): string[] {
  const initial = spec.initialState.text;
  // The fictional world (src/worlds): its facts, or for search how they arrive turn by turn.
  const worldText = worldFactsSection(spec);
  return [
    section('Task Given to the Agent', spec.task),
    section('Initial State', initial),
    section('Simulation Instructions', spec.simulationInstructions),
    section('World Facts', worldText),
  ].filter((text): text is string => text !== undefined);
}

/**
 * Composes a domain's system prompt. With `spec.prompt.systemTemplate` the user's template is used instead of
 * our parts: `{tool_definitions}` and `{demonstrations}` are replaced as plain strings (templates contain
 * literal JSON braces), and the spec's own sections are appended.
 */
export function composeSystemPrompt(
  spec: WorldSpec,
  parts: SystemPromptParts,
  renderAction: (action: unknown) => string,
): string {
  const demonstrations = renderDemonstrations(spec, renderAction);
  const template = spec.prompt.systemTemplate;
  if (template !== undefined) {
    const filled = template
      .split('{tool_definitions}')
      .join(parts.toolDefinitions ?? '')
      .split('{demonstrations}')
      .join(demonstrations.length > 0 ? `## Demonstrations\n${demonstrations}` : '');
    return [filled.trimEnd(), ...specSections(spec)].join('\n\n');
  }
  return [
    section('Role', parts.role),
    section('Action Space', parts.actionSpace),
    section('Tool Definitions', parts.toolDefinitions),
    section('How to Simulate', parts.simulationRules),
    section('Demonstrations', demonstrations),
    ...specSections(spec),
    section('Answer Format', ANSWER_RULES),
  ]
    .filter((text): text is string => text !== undefined)
    .join('\n\n');
}

/** Tool definitions as a fenced JSON list, the form world models read best. */
export function renderToolDefinitions(tools: readonly unknown[]): string {
  return fence(JSON.stringify(tools, null, 2), 'json');
}
