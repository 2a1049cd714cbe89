import type { AgentWorldError } from '../core/errors.js';
import type { Turn } from '../core/turn.js';

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
function colorFor(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? '') === '' && process.env.TERM !== 'dumb';
}

const useColor = colorFor(process.stdout);

export function dim(text: string): string {
  return useColor ? `\u001b[2m${text}\u001b[22m` : text;
}

export function bold(text: string): string {
  return useColor ? `\u001b[1m${text}\u001b[22m` : text;
}

export function red(text: string): string {
  return useColor ? `\u001b[31m${text}\u001b[39m` : text;
}

/** One line describing where an observation came from and how its checks went. */
export function describeTurn(turn: Turn): string {
  const passed = turn.checks.filter((check) => check.status === 'pass').length;
  const failed = turn.checks.filter((check) => check.status === 'fail');
  const model = turn.provenance.model ? ` model=${turn.provenance.model}` : '';
  const checks =
    failed.length === 0
      ? `checks ${passed} passed`
      : `checks ${passed} passed, ${failed.length} FAILED (${failed.map((check) => check.id).join(', ')})`;
  const injected = turn.events
    .filter((event) => event.type === 'perturbation.injected')
    .map(
      (event) =>
        `${String(event.data?.perturbation)}${event.data?.manifested === true ? '' : ' (not shown)'}`,
    );
  const control = injected.length === 0 ? '' : ` · injected ${injected.join(', ')}`;
  return `turn ${turn.index} · ${turn.provenance.source} by ${turn.provenance.engine}${model} · ${checks}${control} · ${turn.timing.totalMs.toFixed(1)} ms`;
}

/** One line for an error; coloured only when `stream` (where it will be written) is a terminal. */
export function formatError(error: AgentWorldError, stream: { isTTY?: boolean } = process.stdout): string {
  const text = `error ${error.code}${error.retryable ? ' (retryable)' : ''}: ${error.message}`;
  return colorFor(stream) ? `\u001b[31m${text}\u001b[39m` : text;
}
