/**
 * What the real `@playwright/mcp` server (0.0.86) answers, before any tool runs, to a call it cannot take: an
 * `isError` result, `### Error` and then `Tool "<name>" not found` for a name it does not list, or
 * `Invalid arguments for tool "<name>":` and zod's `prettifyError` of the tool's input schema (`✖ <message>` and
 * `  → at <path>` per issue, shortest paths first) for arguments that break it. Keys the schema does not name are
 * dropped by zod, not refused. Source: the server's call handler in playwright-core's `lib/coreBundle.js`
 * (`formatError`, `tool.schema.inputSchema.parse`) and zod's `v4/core/errors.js` `prettifyError`; the texts are
 * checked against the captured results in fixtures.json (scripts/capture-web/playwright-mcp.ts).
 */
import { ToolCatalog } from '../../../mcp/tool-catalog.js';
import type { PlaywrightMcpAction } from './actions.js';
import { PLAYWRIGHT_TOOLS } from './tools.js';

const catalog = new ToolCatalog(PLAYWRIGHT_TOOLS);

function depthOf(dotPath: string): number {
  return dotPath.length === 0 ? 0 : dotPath.split(/\.|\[/).length;
}

/**
 * The error text (the line after `### Error`) the real server answers a call with before running any tool, or
 * undefined when it takes the call.
 */
export function playwrightServerRefusal(action: PlaywrightMcpAction): string | undefined {
  const tool = catalog.get(action.name);
  if (tool === undefined) return `Tool "${action.name}" not found`;
  const properties =
    (tool.inputSchema as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
  const issues = catalog
    .argumentIssues(tool, { ...action.arguments })
    .filter((issue) => !issue.message.startsWith('Unrecognized key'))
    // A required property with a default is filled in by zod when the call leaves it out.
    .filter(
      (issue) =>
        !(
          issue.message.endsWith('received undefined') &&
          !issue.dotPath.includes('.') &&
          !issue.dotPath.includes('[') &&
          properties[issue.dotPath]?.default !== undefined
        ),
    );
  if (issues.length === 0) return undefined;
  const lines = issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => depthOf(a.issue.dotPath) - depthOf(b.issue.dotPath) || a.index - b.index)
    .flatMap(({ issue }) => [
      `✖ ${issue.message}`,
      ...(issue.dotPath.length === 0 ? [] : [`  → at ${issue.dotPath}`]),
    ]);
  return `Invalid arguments for tool "${action.name}":\n${lines.join('\n')}`;
}
