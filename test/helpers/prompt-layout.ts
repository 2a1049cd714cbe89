/**
 * The world-model prompt layout written out by hand, so tests compare what the server received with an
 * independent statement of the documented format rather than with the code that produced it.
 */

/** A ```json fence around the action pretty-printed with two spaces. */
export function jsonActionBlock(action: unknown): string {
  return `\`\`\`json\n${JSON.stringify(action, null, 2)}\n\`\`\``;
}

/** `### Turn N`, optional `**Current State:**`, then `**Action:**` and the fenced action. */
export function turnPrompt(turnIndex: number, action: unknown, currentState?: string): string {
  const state = currentState === undefined ? '' : `**Current State:**\n${currentState}\n\n`;
  return `### Turn ${turnIndex}\n${state}**Action:**\n${jsonActionBlock(action)}`;
}

/** The assistant message that carries an observation in history. */
export function observationMessage(observation: string): string {
  return `**Environment Observation:**\n${observation}`;
}

/** The body of the fenced block after `**Action:**` in a user message, parsed as JSON (undefined if absent). */
export function actionOfUserMessage(content: string): unknown {
  const match = /\*\*Action:\*\*\n(`{3,})json\n([\s\S]*?)\n\1/.exec(content);
  return match?.[2] === undefined ? undefined : JSON.parse(match[2]);
}
