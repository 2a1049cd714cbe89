/** gemini-cli's observation parser: the run_shell_command envelope's fields. */
import type { SweObservationNode } from '../../observation-parse.js';
import { GEMINI_SHELL_FIELDS, type GeminiShellField } from './render.js';

/** gemini-cli's shell envelope: every `Field: value` it finds, in order (Output and Error may span lines). */
export function parseShellEnvelope(
  text: string,
): Extract<SweObservationNode, { kind: 'shell-envelope' }> | undefined {
  if (!text.startsWith('Command: ')) return undefined;
  const fields: Partial<Record<GeminiShellField, string>> = {};
  let rest = text;
  let previous: GeminiShellField | undefined;
  for (const field of GEMINI_SHELL_FIELDS) {
    const label = `${field}: `;
    const at = previous === undefined ? (rest.startsWith(label) ? 0 : -1) : rest.indexOf(`\n${label}`);
    if (at === -1) continue;
    if (previous !== undefined) fields[previous] = rest.slice(0, at);
    rest = rest.slice(at + (previous === undefined ? 0 : 1) + label.length);
    previous = field;
  }
  if (previous !== undefined) fields[previous] = rest;
  return { kind: 'shell-envelope', fields };
}
