import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  perturbationContext,
  renderControlBlock,
  SYSTEM_CONDITIONS_HEADING,
  TURN_CONTROL_HEADING,
} from '../../control/index.js';
import { isAgentWorldError } from '../../core/errors.js';
import { DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import type {
  AnyPerturbationDefinition,
  ObservationContext,
  PerturbationContext,
} from '../../core/perturbation.js';
import type { SessionRecord } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { createLwmEngine, createReplayEngine } from '../../engines/index.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import { parseSessionLines } from '../../session/session-file.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import type { McpAction } from './dialects/mcp/actions.js';
import { toCallToolResult } from './dialects/mcp/presentation.js';
import { mcpDomain } from './domain.js';
import {
  mcpEmptyResult,
  mcpExpiredAuth,
  mcpIntermittent5xx,
  mcpPaginatedResults,
  mcpPartialBatchFailure,
  mcpPerturbations,
  mcpRateLimit,
  mcpSchemaDrift,
  mcpSlowTimeout,
} from './perturbations.js';
import { renderMcpAction } from './render.js';

const recordings = parseSessionLines(
  readFileSync(new URL('../../../examples/sessions/mcp.jsonl', import.meta.url), 'utf8'),
  'examples/sessions/mcp.jsonl',
);
const everything = recordings[0];
const everythingMore = recordings[1];
const memory = recordings.find((record) => record.spec.id === 'example-mcp-memory');
assert.ok(everything !== undefined && everythingMore !== undefined && memory !== undefined);
const everythingSpec = everything.spec;
const memorySpec = memory.spec;

/** A recorded turn's action and observation, by session and turn number. */
function recorded(record: SessionRecord, turn: number): { action: McpAction; observation: string } {
  const found = record.turns[turn - 1];
  assert.ok(found !== undefined, `no turn ${turn}`);
  return { action: found.action as McpAction, observation: found.observation };
}

function contextOf(spec: WorldSpec, action: McpAction | undefined, turnIndex = 1): PerturbationContext {
  return perturbationContext(mcpDomain, spec, { seed: 0, turnIndex, action });
}

function withObservation(context: PerturbationContext, observation: string): ObservationContext {
  return { ...context, observation };
}

interface Case {
  readonly definition: AnyPerturbationDefinition;
  readonly defaults: Record<string, unknown>;
  readonly essentials: readonly string[];
  readonly spec: WorldSpec;
  readonly sample: { action: McpAction; observation: string };
  /** Whether the rendering is a tool error result (`isError: true` on the wire). */
  readonly errorResult: boolean;
  /** An action appliesTo must refuse, when the entry is limited to some calls. */
  readonly refused?: ReadonlyArray<{ spec: WorldSpec; action: McpAction }>;
}

const CASES: readonly Case[] = [
  {
    definition: mcpIntermittent5xx,
    defaults: { status: 503 },
    essentials: ['Error: HTTP 503 Service Unavailable', 'get-sum'],
    spec: everythingSpec,
    sample: recorded(everything, 2),
    errorResult: true,
  },
  {
    definition: mcpRateLimit,
    defaults: { retryAfterSeconds: 30 },
    essentials: ['429 Too Many Requests', '30 seconds'],
    spec: everythingSpec,
    sample: recorded(everything, 1),
    errorResult: true,
  },
  {
    definition: mcpPaginatedResults,
    defaults: { pageSize: 10 },
    essentials: ['nextCursor', 'at most 10 items'],
    spec: memorySpec,
    sample: recorded(memory, 3),
    errorResult: false,
    refused: [
      { spec: memorySpec, action: recorded(memory, 1).action },
      { spec: everythingSpec, action: recorded(everything, 2).action },
    ],
  },
  {
    definition: mcpPartialBatchFailure,
    defaults: { failedItems: 1, reason: 'conflicts with a concurrent change (HTTP 409 Conflict)' },
    essentials: ['"Babbage Works"', '1 of 2 items failed', 'HTTP 409 Conflict'],
    spec: memorySpec,
    sample: recorded(memory, 1),
    errorResult: false,
    refused: [{ spec: memorySpec, action: recorded(memory, 3).action }],
  },
  {
    definition: mcpExpiredAuth,
    defaults: { credential: 'token' },
    essentials: ['401 Unauthorized', 'access token has expired'],
    spec: everythingSpec,
    sample: recorded(everything, 3),
    errorResult: true,
  },
  {
    definition: mcpSlowTimeout,
    defaults: { timeoutMs: 30000 },
    essentials: ['timed out after 30000 ms'],
    spec: everythingSpec,
    sample: recorded(everything, 1),
    errorResult: true,
  },
  {
    definition: mcpSchemaDrift,
    defaults: { version: '2' },
    essentials: ['"api_version": "2"', 'snake_case'],
    spec: memorySpec,
    sample: recorded(memory, 3),
    errorResult: false,
  },
  {
    definition: mcpEmptyResult,
    defaults: {},
    essentials: ['"[]"', 'not an error'],
    spec: memorySpec,
    sample: recorded(memory, 3),
    errorResult: false,
    refused: [
      { spec: memorySpec, action: recorded(memory, 4).action },
      { spec: everythingSpec, action: recorded(everything, 2).action },
    ],
  },
];

describe('mcp perturbation catalog', () => {
  it('has unique kebab-case ids, no parameter named like a `when` key, and a test case for every entry', () => {
    const ids = mcpPerturbations.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 6);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.deepEqual(new Set(CASES.map((entry) => entry.definition.id)), new Set(ids));
    const whenKeys = ['turn', 'tool', 'match', 'probability', 'every', 'from', 'until'];
    for (const entry of mcpPerturbations) {
      const keys = Object.keys(entry.params.parse({}) as Record<string, unknown>);
      assert.deepEqual(
        keys.filter((key) => whenKeys.includes(key)),
        [],
        entry.id,
      );
      assert.ok(entry.title.length > 0 && entry.description.length > 0, entry.id);
    }
  });

  for (const entry of CASES) {
    const { definition } = entry;
    describe(definition.id, () => {
      const params = definition.params.parse({}) as Record<string, unknown>;
      const context = contextOf(entry.spec, entry.sample.action, 2);

      it('parses {} to its defaults and refuses unknown parameters', () => {
        assert.deepEqual(params, entry.defaults);
        assert.equal(definition.params.safeParse({ bogus: 1 }).success, false);
      });

      it('gives an instruction with the essentials, on a turn and for the whole session', () => {
        const turn = definition.instruction(params, context);
        for (const needle of entry.essentials) assert.ok(turn.includes(needle), `${needle} in: ${turn}`);
        const session = definition.instruction(params, contextOf(entry.spec, undefined));
        assert.ok(session.trim().length > 20);
        assert.ok(!session.includes('this call'), session);
      });

      it('renders the recorded observation so that the check sees it, deterministically', () => {
        const original = entry.sample.observation;
        assert.equal(definition.manifested(params, withObservation(context, original)), false);
        const rendered = definition.render(params, withObservation(context, original));
        assert.notEqual(rendered, original);
        assert.equal(definition.render(params, withObservation(context, original)), rendered);
        assert.equal(definition.manifested(params, withObservation(context, rendered)), true, rendered);
        const tool = entry.spec.tools?.find((candidate) => candidate.name === entry.sample.action.name);
        assert.equal(toCallToolResult(rendered, tool).isError, entry.errorResult, rendered);
      });

      it('applies to the calls that can show it', () => {
        assert.equal(definition.appliesTo?.(params, context) ?? true, true);
        for (const refused of entry.refused ?? []) {
          assert.equal(
            definition.appliesTo?.(params, contextOf(refused.spec, refused.action)),
            false,
            refused.action.name,
          );
        }
      });
    });
  }

  it('finds no perturbation in the recorded observations of real servers, except the truly empty result', () => {
    for (const record of recordings) {
      for (const turn of record.turns) {
        const action = turn.action as McpAction;
        const context = withObservation(contextOf(record.spec, action, turn.index), turn.observation);
        for (const definition of mcpPerturbations) {
          const shown = definition.manifested(definition.params.parse({}), context);
          const expected = definition.id === 'empty-result' && turn.observation.includes('"entities": []');
          assert.equal(shown, expected, `${definition.id} on ${record.spec.id} turn ${turn.index}`);
        }
      }
    }
  });

  it('renders with parameters: the status, the page size, the failed count and the cursor argument', () => {
    const sum = recorded(everything, 2);
    const context = withObservation(contextOf(everythingSpec, sum.action), sum.observation);
    assert.match(mcpIntermittent5xx.render({ status: 502 }, context), /^Error: HTTP 502 Bad Gateway: /);
    assert.equal(
      mcpIntermittent5xx.manifested(
        { status: 504 },
        withObservation(context, 'Error: HTTP 502 Bad Gateway: x'),
      ),
      false,
    );

    const links = recorded(everythingMore, 5);
    assert.equal(links.action.name, 'get-resource-links');
    const paged = mcpPaginatedResults.render(
      { pageSize: 1 },
      withObservation(contextOf(everythingSpec, links.action), links.observation),
    );
    assert.equal(paged.split('\n').filter((line) => line.startsWith('{"name"')).length, 1);
    assert.match(paged, /nextCursor: \S+\nCall the tool again with cursor="\S+" for the next page\.$/);

    const graph = recorded(memory, 3);
    const page = JSON.parse(
      mcpPaginatedResults.render(
        { pageSize: 1 },
        withObservation(contextOf(memorySpec, graph.action), graph.observation),
      ),
    ) as { entities: unknown[]; relations: unknown[]; nextCursor: string };
    assert.equal(page.entities.length, 1);
    assert.equal(typeof page.nextCursor, 'string');

    const created = recorded(memory, 1);
    const batch = JSON.parse(
      mcpPartialBatchFailure.render(
        { failedItems: 5, reason: 'quota exceeded' },
        withObservation(contextOf(memorySpec, created.action), created.observation),
      ),
    ) as {
      succeeded: Array<{ name: string }>;
      failed: Array<{ item: string; error: string }>;
      summary: string;
    };
    assert.deepEqual(
      batch.succeeded.map((item) => item.name),
      ['Ada Lovelace'],
    );
    assert.deepEqual(batch.failed, [{ item: 'Babbage Works', error: 'quota exceeded' }]);
    assert.equal(batch.summary, '1 of 2 items failed');

    const drifted = JSON.parse(
      mcpSchemaDrift.render(
        { version: '3.1' },
        withObservation(contextOf(memorySpec, graph.action), graph.observation),
      ),
    ) as { api_version: string; data: { entities: Array<Record<string, unknown>> } };
    assert.equal(drifted.api_version, '3.1');
    assert.equal(drifted.data.entities[0]?.entity_type, 'person');
    assert.equal(
      mcpSlowTimeout.manifested(
        { timeoutMs: 5000 },
        withObservation(context, 'Error: request timed out after 5 seconds'),
      ),
      true,
    );
  });

  it('parseWorldSpec refuses unknown perturbations and bad parameters, naming the rule', () => {
    const refuse = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...everythingSpec, perturbations }),
        (error: unknown) => isAgentWorldError(error, 'INVALID_SPEC') && pattern.test(error.message),
      );
    };
    refuse(
      [{ id: 'flaky', perturbation: 'disk-full' }],
      /perturbations\[0\] \("flaky"\).*unknown perturbation "disk-full".*intermittent-5xx/,
    );
    refuse(
      [
        { perturbation: 'rate-limit' },
        { id: 'bad-status', perturbation: 'intermittent-5xx', params: { status: 404 } },
      ],
      /perturbations\[1\] \("bad-status"\).*params\.status/,
    );
    refuse([{ perturbation: 'slow-timeout', params: { timeout: 5 } }], /perturbations\[0\].*slow-timeout/);
    assert.equal(
      parseWorldSpec({ ...everythingSpec, perturbations: [{ perturbation: 'rate-limit' }] }).perturbations
        .length,
      1,
    );
  });
});

describe('mcp perturbations in a real session', () => {
  it('replay engine: the recorded observation of the firing turn is rendered, labelled and checked', async () => {
    const engine = createReplayEngine({ sessions: recordings });
    const spec = {
      ...everythingSpec,
      perturbations: [
        { id: 'upstream-down', perturbation: 'intermittent-5xx', params: { status: 502 }, when: { turn: 2 } },
      ],
    };
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: everything.seed });
    const first = await env.step(recorded(everything, 1).action);
    assert.equal(first.observation, recorded(everything, 1).observation);
    assert.equal(first.info.turn.provenance.source, 'replayed');
    assert.equal(first.info.turn.events.filter((event) => event.type === 'perturbation.injected').length, 0);

    const second = await env.step(recorded(everything, 2).action);
    const turn = second.info.turn;
    assert.equal(
      second.observation,
      'Error: HTTP 502 Bad Gateway: the upstream service answered with an invalid response. The request was not completed; retrying may succeed.',
    );
    assert.equal(turn.provenance.source, 'injected');
    assert.equal(turn.provenance.origin?.source, 'real');
    const injected = turn.events.find((event) => event.type === 'perturbation.injected');
    assert.equal(injected?.data?.perturbation, 'intermittent-5xx');
    assert.equal(injected?.data?.rule, 'upstream-down');
    assert.equal(injected?.data?.manifested, true);
    assert.equal(injected?.data?.rendered, true);
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:intermittent-5xx'),
      { id: 'perturbation:intermittent-5xx', status: 'pass' },
    );
    assert.equal(turn.checks.find((check) => check.id === 'error-shape')?.status, 'pass');
    // The agent's MCP client would see an error result.
    assert.equal(toCallToolResult(second.observation, undefined).isError, true);
    // The ledger counts the injected failure as an error.
    assert.equal(second.info.ledger.errors, 1);

    const third = await env.step(recorded(everything, 3).action);
    assert.equal(third.observation, recorded(everything, 3).observation);
    assert.equal(third.info.turn.provenance.source, 'replayed');
    await env.close();
    await engine.close();
  });

  describe('scripted world model', () => {
    let server: ScriptedModelServer;
    before(async () => {
      server = await startScriptedModelServer({ script: ['Echo: hi', 'The sum of 1 and 2 is 3.'] });
    });
    after(async () => {
      await server.close();
    });

    it('sends turn-level instructions after the action fence, keeps them in history, and states session conditions', async () => {
      const engine = createLwmEngine({
        baseUrl: server.url,
        model: server.model,
        retryBaseMs: 1,
        retryMaxMs: 5,
      });
      const spec = parseWorldSpec({
        ...everythingSpec,
        perturbations: [
          { perturbation: 'rate-limit', params: { retryAfterSeconds: 12 }, when: { turn: 1 } },
          { perturbation: 'expired-auth', params: { credential: 'api-key' } },
        ],
      });
      const env = await createEnv(spec, { engine });
      await env.reset({ seed: 3 });
      const echo: McpAction = { name: 'echo', arguments: { message: 'hi' } };
      const sum: McpAction = { name: 'get-sum', arguments: { a: 1, b: 2 } };
      await env.step(echo);
      await env.step(sum);

      const instruction = mcpRateLimit.instruction({ retryAfterSeconds: 12 }, contextOf(env.spec, echo, 1));
      assert.ok(instruction.includes('retry after 12 seconds'), instruction);
      const turnOne = `### Turn 1\n**Action:**\n${renderMcpAction(echo)}${renderControlBlock([instruction])}`;
      assert.ok(turnOne.includes(`\`\`\`\n\n${TURN_CONTROL_HEADING}\n- ${instruction}`));

      const [firstBody, secondBody] = server.completionBodies;
      const firstMessages = firstBody?.messages as Array<{ role: string; content: string }>;
      const secondMessages = secondBody?.messages as Array<{ role: string; content: string }>;
      assert.equal(firstMessages[1]?.content, `${turnOne}\n\n${DEFAULT_TURN_INSTRUCTION}`);
      // Turn 1's user message is repeated byte for byte in turn 2's history, control block included.
      assert.equal(secondMessages[1]?.content, turnOne);
      assert.equal(secondMessages[1]?.content, env.turns[0]?.prompt);
      // Turn 2 fires no turn-level rule: no control block.
      assert.ok(!secondMessages[3]?.content.includes(TURN_CONTROL_HEADING));

      const condition = mcpExpiredAuth.instruction({ credential: 'api-key' }, contextOf(env.spec, undefined));
      for (const messages of [firstMessages, secondMessages]) {
        const system = messages[0]?.content ?? '';
        assert.ok(system.includes(`${SYSTEM_CONDITIONS_HEADING}\n`), 'conditions heading');
        assert.ok(system.includes(`\n- ${condition}`), 'condition line');
        assert.ok(system.indexOf(SYSTEM_CONDITIONS_HEADING) < system.indexOf(condition));
      }
      assert.ok(condition.includes('API key has expired'));
      await env.close();
      await engine.close();
    });
  });
});
