/**
 * The agent harnesses agent-sft exports the agent's side through, one module per dialect family, chosen by
 * the session's spec domain and dialect: terminal (Terminus-2), swe (mini-swe-agent, SWE-agent, Claude Code,
 * Gemini CLI), mcp and search (function calling), web (BrowserGym, @playwright/mcp), android, os.
 */
import type { SessionRecord } from '../../core/turn.js';
import { androidHarness } from './android.js';
import { osHarness } from './os.js';
import { sweHarness } from './swe.js';
import { terminusHarness } from './terminal.js';
import { mcpHarness, searchHarness } from './tools.js';
import type { AgentHarness } from './types.js';
import { webHarness } from './web.js';

export { renderPhoneInvoke } from './android.js';
export { renderOsAction } from './os.js';
export { nextScrollback, terminusOpening, terminusReply, visiblePane } from './terminal.js';
export { functionSignature, renderToolCall, renderToolResponse, toolsSystemPrompt } from './tools.js';
export type { AgentHarness, AgentOpening } from './types.js';
export { browserGymActionSpace } from './web.js';

/** The harness of the session's domain and dialect. */
export function agentHarnessFor(record: SessionRecord): AgentHarness {
  switch (record.spec.domain) {
    case 'terminal':
      return terminusHarness(record);
    case 'swe':
      return sweHarness(record);
    case 'mcp':
      return mcpHarness(record);
    case 'search':
      return searchHarness(record);
    case 'web':
      return webHarness(record);
    case 'android':
      return androidHarness(record);
    case 'os':
      return osHarness(record);
  }
}
