/**
 * How the real `@playwright/mcp` server (0.0.86) answers a call it cannot carry out: an `isError` result whose
 * text is `### Error` and the error line, with no page section (captured by scripts/capture-web/playwright-mcp.ts
 * into fixtures.json). A `target` ref that is not in the page's latest snapshot is not refused by the client: the
 * server runs the call and reports it.
 */

/** The real server's error line for a ref its latest snapshot lacks. */
export function playwrightRefNotFoundError(ref: string): string {
  return `Error: Ref ${ref} not found in the current page snapshot. Try capturing new snapshot.`;
}

/** The body of a result's `### Error` section (up to the next section), if it has one. */
export function playwrightErrorText(result: string): string | undefined {
  const match = /^###\s*Error[^\S\n]*\n([\s\S]*?)(?=\n###\s|$)/m.exec(result);
  return match === null ? undefined : (match[1] as string).trim();
}
