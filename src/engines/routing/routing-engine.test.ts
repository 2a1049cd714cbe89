import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine, EngineKind, PredictRequest } from '../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { createRoutingEngine, type EngineRoute } from './index.js';

/** An engine that answers with its own name, and counts how often it was closed. */
class NamedEngine implements Engine {
  readonly id = 'named';
  closed = 0;
  constructor(
    readonly name: string,
    readonly kind: EngineKind = 'model',
    readonly followsControlInstructions?: boolean,
  ) {}
  identity(): Record<string, unknown> {
    return { engine: 'named', name: this.name };
  }
  async predict(request: PredictRequest) {
    return {
      observation: `${this.name} answers ${String(request.action)}`,
      provenance: { source: 'simulated' as const, engine: this.name, promptHash: request.promptHash },
      events: [],
    };
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
}

const terminal = parseWorldSpec({ domain: 'terminal' });
const otherTerminal = parseWorldSpec({ domain: 'terminal', id: 'other-terminal' });
const mcp = parseWorldSpec({ domain: 'mcp', tools: [] });
const search = parseWorldSpec({ domain: 'search' });

function request(spec: WorldSpec, action: string): PredictRequest {
  return { spec, sessionId: 's', seed: 1, turnIndex: 1, action, messages: [], promptHash: 'h', history: [] };
}

/** Routes by domain: terminal and mcp each to an engine of their own, search to CONFIG_INVALID. */
function domainRoutes(open: (domain: string) => Promise<Engine>): { route(spec: WorldSpec): EngineRoute } {
  return {
    route(spec) {
      if (spec.domain === 'search')
        throw new AgentWorldError('CONFIG_INVALID', 'No engine for search worlds.');
      return { key: spec.domain, name: spec.domain, open: () => open(spec.domain) };
    },
  };
}

describe('routing engine', () => {
  it('opens one engine per route key when first needed, shares it, and closes every one on close', async () => {
    const opened: NamedEngine[] = [];
    const engine = createRoutingEngine(
      domainRoutes(async (domain) => {
        // The mcp engine stands for an embedded model, which does not follow control instructions.
        const inner = new NamedEngine(domain, 'model', domain === 'mcp' ? false : undefined);
        opened.push(inner);
        return inner;
      }),
    );
    assert.equal(opened.length, 0, 'nothing opens before a session needs it');
    await Promise.all([engine.prepare(terminal), engine.prepare(otherTerminal)]);
    assert.deepEqual(
      opened.map((inner) => inner.name),
      ['terminal'],
    );
    const [first, second, third] = await Promise.all([
      engine.predict(request(terminal, 'ls')),
      engine.predict(request(otherTerminal, 'pwd')),
      engine.predict(request(mcp, 'read_graph')),
    ]);
    assert.equal(first.observation, 'terminal answers ls');
    assert.equal(second.observation, 'terminal answers pwd');
    assert.equal(third.observation, 'mcp answers read_graph');
    assert.deepEqual(
      [first, third].map((prediction) => prediction.followedControlInstructions),
      [true, false],
    );
    assert.deepEqual(engine.identity(), {
      engine: 'routing',
      engines: { terminal: { engine: 'named', name: 'terminal' }, mcp: { engine: 'named', name: 'mcp' } },
    });
    assert.equal(engine.routeOf(mcp).name, 'mcp');
    await engine.close();
    await engine.close();
    assert.deepEqual(
      opened.map((inner) => inner.closed),
      [1, 1],
    );
    await assert.rejects(engine.prepare(terminal), (error) => isAgentWorldError(error, 'ENGINE_UNAVAILABLE'));
  });

  it('fails only the worlds no route fits, and tries a failed opening again for the next session', async () => {
    let attempts = 0;
    const engine = createRoutingEngine(
      domainRoutes(async (domain) => {
        attempts += 1;
        if (attempts === 1) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The model file is busy.');
        return new NamedEngine(domain);
      }),
    );
    try {
      await assert.rejects(engine.prepare(search), (error) => isAgentWorldError(error, 'CONFIG_INVALID'));
      await assert.rejects(engine.predict(request(search, 'q')), (error) =>
        isAgentWorldError(error, 'CONFIG_INVALID'),
      );
      await assert.rejects(engine.prepare(terminal), (error) =>
        isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
      );
      assert.equal((await engine.predict(request(terminal, 'ls'))).observation, 'terminal answers ls');
      assert.equal(attempts, 2);
    } finally {
      await engine.close();
    }
  });

  it('lets a caller stop waiting while the engine goes on opening for the next one', async () => {
    let finishOpening: (engine: Engine) => void = () => undefined;
    const opening = new Promise<Engine>((resolve) => {
      finishOpening = resolve;
    });
    let opens = 0;
    const engine = createRoutingEngine(
      domainRoutes(() => {
        opens += 1;
        return opening;
      }),
    );
    try {
      const controller = new AbortController();
      const abandoned = engine.prepare(terminal, { signal: controller.signal });
      const patient = engine.predict(request(terminal, 'ls'));
      controller.abort();
      await assert.rejects(abandoned, (error) => isAgentWorldError(error, 'ABORTED'));
      finishOpening(new NamedEngine('terminal'));
      assert.equal((await patient).observation, 'terminal answers ls');
      assert.equal(opens, 1);
    } finally {
      await engine.close();
    }
  });

  it('closes an engine that finishes opening after close(), and refuses engines that are not model engines', async () => {
    const late = new NamedEngine('terminal');
    let finishOpening: (engine: Engine) => void = () => undefined;
    const engine = createRoutingEngine(
      domainRoutes((domain) =>
        domain === 'mcp'
          ? Promise.resolve(new NamedEngine('mcp', 'recorded'))
          : new Promise<Engine>((resolve) => {
              finishOpening = resolve;
            }),
      ),
    );
    await assert.rejects(engine.prepare(mcp), (error) => isAgentWorldError(error, 'CONFIG_INVALID'));
    const waiting = engine.prepare(terminal);
    const closing = engine.close();
    finishOpening(late);
    await closing;
    await assert.rejects(waiting, (error) => isAgentWorldError(error, 'ENGINE_UNAVAILABLE'));
    assert.equal(late.closed, 1);
  });
});
