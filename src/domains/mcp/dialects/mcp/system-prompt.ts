/** The mcp dialect's part of the mcp system prompt: its action space (one tools/call per turn). */
export const MCP_ACTION_SPACE = [
  'Each turn holds one tool call, a JSON object in a json code block:',
  '- `name`: the tool being called, one of the tools defined below;',
  "- `arguments`: the arguments object, shaped by that tool's `inputSchema`.",
  'Calls reach you only after the client checked the tool name and the argument types, so treat the call as',
  "well-formed. The tool's own rules still apply: a well-typed value can still name a record that does not",
  'exist, break a business constraint, or conflict with the current state, and the tool answers that with an',
  'error of its own.',
].join('\n');
