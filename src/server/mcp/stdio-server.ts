import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { throwIfAborted } from '../../core/abort.js';
import { type OpenSimulatedConnectionOptions, openSimulatedConnection } from './simulated-connection.js';
import type { SimulatedWorld } from './simulated-world.js';

export interface ServeMcpStdioOptions extends OpenSimulatedConnectionOptions {
  /** Defaults to `process.stdin`. */
  readonly input?: Readable;
  /** Defaults to `process.stdout`; nothing but protocol messages is ever written to it. */
  readonly output?: Writable;
}

/**
 * Serves one simulated session over stdio (one client, one connection). Resolves once the connection is over:
 * the client closed stdin, the transport failed, or the signal fired. The session is closed (and handed to
 * `onSessionEnd`) before it resolves.
 */
export async function serveMcpOverStdio(
  world: SimulatedWorld,
  options: ServeMcpStdioOptions = {},
): Promise<void> {
  throwIfAborted(options.signal);
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const connection = await openSimulatedConnection(world, options);
  const transport = new StdioServerTransport(input, output);
  const finished = new Promise<void>((resolve) => {
    connection.server.onclose = () => resolve();
  });
  const stop = (): void => {
    void connection.server.close();
  };
  input.once('end', stop);
  input.once('close', stop);
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await connection.server.connect(transport);
    if (options.signal?.aborted) stop();
    await finished;
  } finally {
    input.off('end', stop);
    input.off('close', stop);
    options.signal?.removeEventListener('abort', stop);
    await connection.close();
  }
}
