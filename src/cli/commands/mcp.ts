import type { CallOptions } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { isRoutingEngine } from '../../engines/routing/index.js';
import {
  mirrorSpec,
  prepareSimulatedWorld,
  type SimulatedWorld,
  serveMcpOverStdio,
  startMcpHttpServer,
} from '../../server/mcp/index.js';
import type { Session } from '../../session/session.js';
import { appendSessionRecord } from '../../session/session-file.js';
import { readSpecFile } from '../../session/spec-file.js';
import type { EngineFlags } from '../engine-factory.js';
import { createServerEngine } from '../engine-routes.js';
import { formatError } from '../output.js';
import { DEFAULT_MCP_HTTP_PORT, SERVER_KEYS_VARIABLE } from './mcp-options.js';

export { addMcpOptions, DEFAULT_MCP_HTTP_PORT, SERVER_KEYS_VARIABLE } from './mcp-options.js';

export interface McpFlags extends EngineFlags {
  /** Command line of a real MCP server whose tools to copy and simulate (instead of a spec). */
  readonly mirror?: readonly string[] | undefined;
  /** Serve streamable HTTP instead of stdio. */
  readonly http?: boolean | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly path?: string | undefined;
  /** Keys HTTP clients must send (any one); required for a non-loopback host. Else $AGENTWORLD_SERVER_KEYS. */
  readonly authKey?: readonly string[] | undefined;
  readonly maxSessions?: number | undefined;
  readonly seed?: number | undefined;
  /** Append every finished session to this JSONL file. */
  readonly save?: string | undefined;
}

async function loadSpec(spec: string | undefined, flags: McpFlags, options: CallOptions): Promise<unknown> {
  const mirror = flags.mirror ?? [];
  if (mirror.length > 0) {
    if (spec !== undefined) {
      throw new AgentWorldError('CONFIG_INVALID', 'Pass either a spec or --mirror COMMAND, not both.');
    }
    return mirrorSpec(mirror, options);
  }
  if (spec === undefined) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      'Name a WorldSpec (e.g. `agentworld mcp examples/mcp.json`) or a server to --mirror.',
    );
  }
  return readSpecFile(spec, options.signal === undefined ? {} : { signal: options.signal });
}

function saver(path: string | undefined): ((session: Session) => Promise<void>) | undefined {
  if (path === undefined) return undefined;
  return async (session) => {
    if (session.turns.length === 0) return;
    try {
      await appendSessionRecord(path, session.toRecord({ savedBy: 'agentworld mcp' }));
    } catch (error) {
      console.error(formatError(toAgentWorldError(error), process.stderr));
    }
  };
}

/** The engine that answers the world's calls, for the start-up line, and why none can when none can. */
function engineOf(world: SimulatedWorld, engine: Engine): { name: string; problem?: string } {
  if (!isRoutingEngine(engine)) return { name: `engine ${engine.id}` };
  try {
    return { name: `engine ${engine.routeOf(world.spec).name}, loaded at the first call` };
  } catch (error) {
    return { name: 'no engine', problem: toAgentWorldError(error).message };
  }
}

/** The start-up lines (stderr): what is simulated and by which engine, and a note when no engine can answer. */
function describeWorld(world: SimulatedWorld, engine: Engine, where: string): string {
  const count = `${world.tools.length} tool${world.tools.length === 1 ? '' : 's'}`;
  const { name, problem } = engineOf(world, engine);
  const line = `agentworld mcp: simulating ${count} of "${world.spec.id}" (${world.domain}, ${name}) ${where}`;
  return problem === undefined ? line : `${line}\nnote: every tools/call will fail: ${problem}`;
}

/**
 * Aborts on SIGINT/SIGTERM (and on the caller's signal) until `dispose` is called. The listeners stay until then:
 * with a model loaded, node-llama-cpp's signal-exit re-sends a signal that no other listener handles, which would
 * kill the process before it closed anything.
 */
function stopSignal(outer: AbortSignal | undefined): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  outer?.addEventListener('abort', stop, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      outer?.removeEventListener('abort', stop);
    },
  };
}

/**
 * `agentworld mcp SPEC`: serves the simulated tools of an `mcp` or `search` world as a real MCP server, over
 * stdio (default; stdout carries only the protocol, diagnostics go to stderr) or streamable HTTP (`--http`).
 * Every MCP connection gets its own session, created and reset when it connects; each `tools/call` is one
 * step. Runs until stdin closes (stdio) or SIGINT/SIGTERM; returns the exit status.
 */
export async function runMcpServer(
  spec: string | undefined,
  flags: McpFlags,
  options: CallOptions = {},
): Promise<number> {
  const stop = stopSignal(options.signal);
  let engine: Engine | undefined;
  try {
    const input = await loadSpec(spec, flags, { signal: stop.signal });
    // Without a model server, the embedded model of the world's domain answers, loaded at the first call.
    engine = await createServerEngine(flags, { signal: stop.signal });
    const world = await prepareSimulatedWorld(input, { engine, seed: flags.seed, signal: stop.signal });
    const onSessionEnd = saver(flags.save);
    if (flags.http !== true) {
      console.error(describeWorld(world, engine, 'over stdio'));
      await serveMcpOverStdio(world, { signal: stop.signal, onSessionEnd });
      return 0;
    }
    const server = await startMcpHttpServer(world, {
      host: flags.host,
      port: flags.port ?? DEFAULT_MCP_HTTP_PORT,
      path: flags.path,
      apiKeys: serverKeysOf(flags.authKey),
      maxSessions: flags.maxSessions,
      onSessionEnd,
    });
    console.error(describeWorld(world, engine, `at ${server.url}`));
    await new Promise<void>((resolve) => {
      if (stop.signal.aborted) resolve();
      stop.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  } finally {
    stop.dispose();
    await engine?.close();
  }
}

/** The keys from --auth-key, else from $AGENTWORLD_SERVER_KEYS (comma-separated). */
function serverKeysOf(flags: readonly string[] | undefined): string[] {
  const keys =
    flags !== undefined && flags.length > 0 ? flags : (process.env[SERVER_KEYS_VARIABLE] ?? '').split(',');
  return keys.map((key) => key.trim()).filter((key) => key.length > 0);
}
