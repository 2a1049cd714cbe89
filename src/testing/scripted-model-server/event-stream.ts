/** Sending server-sent events to a client that may leave at any moment. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Resolves `true` after `milliseconds`, or `false` as soon as the client's connection closes. */
export function waitUnlessClosed(milliseconds: number, outgoing: ServerResponse): Promise<boolean> {
  if (outgoing.destroyed) return Promise.resolve(false);
  if (milliseconds <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      outgoing.off('close', onClose);
      resolve(true);
    }, milliseconds);
    outgoing.once('close', onClose);
  });
}

export interface EventStreamOptions {
  /** Destroy the connection once this many events were sent (`Infinity` = send them all). */
  readonly dropAfter: number;
  /** Milliseconds between events. */
  readonly chunkDelayMs: number;
}

/**
 * Writes the events as an SSE response ending with `data: [DONE]`; stops early when the client leaves, and
 * destroys the connection after `dropAfter` events.
 */
export async function writeEventStream(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  events: readonly Record<string, unknown>[],
  options: EventStreamOptions,
): Promise<void> {
  const { dropAfter, chunkDelayMs } = options;
  outgoing.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  let sent = 0;
  for (const event of events) {
    if (sent >= dropAfter) {
      incoming.socket.destroy();
      return;
    }
    if (outgoing.destroyed) return;
    const line = `data: ${JSON.stringify(event)}\n\n`;
    sent++;
    // Before a scripted drop, let the chunks reach the client so the cut really is mid-stream.
    if (sent >= dropAfter) await new Promise<void>((resolve) => outgoing.write(line, () => resolve()));
    else outgoing.write(line);
    if (chunkDelayMs > 0 && !(await waitUnlessClosed(chunkDelayMs, outgoing))) return;
  }
  outgoing.end('data: [DONE]\n\n');
}
