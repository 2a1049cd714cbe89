/** gemini-cli's observation renderer: the run_shell_command envelope. */

/** The fields of gemini-cli's run_shell_command result, in the order it prints them. */
export const GEMINI_SHELL_FIELDS = [
  'Command',
  'Directory',
  'Output',
  'Error',
  'Exit Code',
  'Signal',
  'Background PIDs',
  'Process Group PGID',
] as const;
export type GeminiShellField = (typeof GEMINI_SHELL_FIELDS)[number];

export interface GeminiShellResult {
  readonly command: string;
  /** The folder relative to the project root; undefined prints `(root)`. */
  readonly directory?: string | undefined;
  readonly output: string;
  readonly error?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly backgroundPids?: readonly number[] | undefined;
  readonly processGroup?: number | undefined;
}

const orNone = (value: string | undefined): string =>
  value === undefined || value.length === 0 ? '(none)' : value;

/** gemini-cli's run_shell_command envelope; empty fields print `(none)`. */
export function renderGeminiShellEnvelope(result: GeminiShellResult): string {
  const output = result.output.replace(/\n+$/, '');
  return [
    `Command: ${result.command}`,
    `Directory: ${result.directory ?? '(root)'}`,
    `Output: ${orNone(output)}`,
    `Error: ${orNone(result.error)}`,
    `Exit Code: ${result.exitCode === undefined ? '(none)' : String(result.exitCode)}`,
    `Signal: ${orNone(result.signal)}`,
    `Background PIDs: ${result.backgroundPids === undefined || result.backgroundPids.length === 0 ? '(none)' : result.backgroundPids.join(', ')}`,
    `Process Group PGID: ${result.processGroup === undefined ? '(none)' : String(result.processGroup)}`,
  ].join('\n');
}
