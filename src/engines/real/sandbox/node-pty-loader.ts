import { AgentWorldError } from '../../../core/errors.js';

type NodePty = typeof import('@lydell/node-pty');

let loaded: Promise<NodePty> | undefined;

/** Loads `@lydell/node-pty` once; a missing package or native binary is ENGINE_UNAVAILABLE with the reason. */
export function loadNodePty(): Promise<NodePty> {
  loaded ??= import('@lydell/node-pty').catch((error: unknown) => {
    loaded = undefined;
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      `A real terminal needs @lydell/node-pty (npm install @lydell/node-pty): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  });
  return loaded;
}
