/** The built-in judge system prompts, one per domain (our own words, the reference's dimensions and emphasis). */
import { ANDROID_JUDGE_PROMPT } from './android.js';
import { MCP_JUDGE_PROMPT } from './mcp.js';
import { OS_JUDGE_PROMPT } from './os.js';
import { SEARCH_JUDGE_PROMPT } from './search.js';
import { SWE_JUDGE_PROMPT } from './swe.js';
import { TERMINAL_JUDGE_PROMPT } from './terminal.js';
import { WEB_JUDGE_PROMPT } from './web.js';

export const BUILTIN_JUDGE_SYSTEM_PROMPTS: Readonly<Record<string, string>> = {
  mcp: MCP_JUDGE_PROMPT,
  search: SEARCH_JUDGE_PROMPT,
  terminal: TERMINAL_JUDGE_PROMPT,
  swe: SWE_JUDGE_PROMPT,
  android: ANDROID_JUDGE_PROMPT,
  web: WEB_JUDGE_PROMPT,
  os: OS_JUDGE_PROMPT,
};

export { BUILTIN_JUDGE_USER_TEMPLATE } from './user-template.js';
