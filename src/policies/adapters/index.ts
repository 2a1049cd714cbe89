/**
 * The agent adapters, one per dialect family, chosen by the spec's domain and dialect: each shows the policy
 * what its native harness shows and reads its replies as that harness does.
 */
import type { WorldSpec } from '../../core/world-spec.js';
import { sweDialectOf } from '../../domains/swe/index.js';
import { webDialectOf } from '../../domains/web/index.js';
import { browserGymAdapter } from './browsergym.js';
import { guiAdapter } from './gui.js';
import { miniSweAgentAdapter } from './mini-swe-agent.js';
import { terminusAdapter } from './terminus.js';
import { toolCallingAdapter } from './tool-calling.js';
import type { AgentAdapter } from './types.js';

export { browserGymActionText, browserGymAdapter, browserGymRefusal } from './browsergym.js';
export {
  ANDROID_FORMAT_ERROR,
  androidWorldActionText,
  guiAdapter,
  OS_FORMAT_ERROR,
  osActionText,
  PHONE_FORMAT_ERROR,
  phoneInvokeText,
} from './gui.js';
export { MINI_SWE_TEXT_FORMAT, miniSweAgentAdapter, miniSweFormatError } from './mini-swe-agent.js';
export { type TerminusAdapterOptions, terminusAdapter } from './terminus.js';
export { parseTextToolCalls, type TextToolCall, type TextToolCallParse } from './text-tool-calls.js';
export {
  SWE_AGENT_MULTIPLE_TOOL_CALLS_ERROR,
  SWE_AGENT_NO_TOOL_CALL_ERROR,
  TOOL_CALL_NOT_RUN,
  toolCallingAdapter,
} from './tool-calling.js';
export type {
  AdapterDecision,
  AgentAdapter,
  AgentAdapterFactory,
  ChatMessage,
  FunctionTool,
  PolicyReply,
  PolicyToolCall,
} from './types.js';

/** Choices a harness leaves to its run. */
export interface AgentAdapterOptions {
  /** mini-swe-agent's text form (```mswea_bash_command blocks, the default) or its tool-calling form. */
  readonly miniSweAgentForm?: 'text' | 'tools' | undefined;
  /** Pins Terminus-2's parser (`json` or `xml`), as a run does; left out, each reply's form picks it. */
  readonly terminusParser?: 'json' | 'xml' | undefined;
}

/** A fresh adapter for one episode of the spec (its domain and dialect pick the harness). */
export function agentAdapterFor(
  spec: WorldSpec,
  instruction: string,
  options: AgentAdapterOptions = {},
): AgentAdapter {
  switch (spec.domain) {
    case 'terminal':
      return terminusAdapter(spec, instruction, { parser: options.terminusParser });
    case 'swe':
      return sweDialectOf(spec) === 'mini-swe-agent' && options.miniSweAgentForm !== 'tools'
        ? miniSweAgentAdapter(spec, instruction)
        : toolCallingAdapter(spec, instruction);
    case 'web':
      return webDialectOf(spec) === 'browsergym'
        ? browserGymAdapter(spec, instruction)
        : toolCallingAdapter(spec, instruction);
    case 'mcp':
    case 'search':
      return toolCallingAdapter(spec, instruction);
    case 'android':
    case 'os':
      return guiAdapter(spec, instruction);
  }
}
