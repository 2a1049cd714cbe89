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
import { DEFAULT_TURN_INSTRUCTION, renderTurnPrompt } from '../../core/messages.js';
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
import { webActionTools } from './action-tools.js';
import { firstMissingWebId, parseWebAction, type WebAction } from './actions.js';
import { checkWebObservation } from './checks.js';
import { webDomain } from './domain.js';
import { createWebLedger } from './ledger.js';
import { parseWebPage } from './page-format.js';
import {
  webCaptcha,
  webCookieBanner,
  webEndlessSpinner,
  webLoginWall,
  webPerturbations,
  webPopupModal,
  webServerErrorPage,
  webSessionExpiry,
} from './perturbations.js';
import { renderWebAction } from './render.js';

const recordings = parseSessionLines(
  readFileSync(new URL('../../../examples/sessions/web.jsonl', import.meta.url), 'utf8'),
  'examples/sessions/web.jsonl',
);
const browsergym = recordings.find((record) => record.spec.dialect === 'browsergym');
const playwright = recordings.find((record) => record.spec.dialect === 'playwright-mcp');
assert.ok(browsergym !== undefined && playwright !== undefined);

function recorded(record: SessionRecord, turn: number): { action: WebAction; observation: string } {
  const found = record.turns[turn - 1];
  assert.ok(found !== undefined, `no turn ${turn}`);
  return { action: found.action as WebAction, observation: found.observation };
}

function contextOf(spec: WorldSpec, action: WebAction | undefined, turnIndex = 1): PerturbationContext {
  return perturbationContext(webDomain, spec, { seed: 0, turnIndex, action });
}

function withObservation(context: PerturbationContext, observation: string): ObservationContext {
  return { ...context, observation };
}

interface Case {
  readonly definition: AnyPerturbationDefinition;
  readonly defaults: Record<string, unknown>;
  readonly essentials: readonly string[];
  /** A name the rendered page must show (for both dialects). */
  readonly shows: string;
}

const CASES: readonly Case[] = [
  {
    definition: webCookieBanner,
    defaults: {},
    essentials: ['"Cookie consent"', '"Accept all"', '"Reject all"'],
    shows: 'Accept all',
  },
  {
    definition: webLoginWall,
    defaults: {},
    essentials: ['/login', '"Password"', '"Sign in"'],
    shows: 'Sign in to continue',
  },
  {
    definition: webServerErrorPage,
    defaults: { status: 502 },
    essentials: ['"502 Bad Gateway"'],
    shows: '502 Bad Gateway',
  },
  {
    definition: webEndlessSpinner,
    defaults: {},
    essentials: ['progressbar named "Loading"', 'never finishes loading'],
    shows: 'Loading',
  },
  {
    definition: webSessionExpiry,
    defaults: {},
    essentials: ['Your session has expired', '"Sign in"'],
    shows: 'Email address',
  },
  {
    definition: webCaptcha,
    defaults: {},
    essentials: ['"Security check"', "I'm not a robot"],
    shows: "I'm not a robot",
  },
  {
    definition: webPopupModal,
    defaults: { kind: 'newsletter' },
    essentials: ['"Newsletter sign-up"', '"Close"'],
    shows: 'No thanks',
  },
];

/** The first turn of each recorded session (a click that loads a new page), and one action per refusal. */
const DIALECTS = [
  {
    name: 'browsergym',
    record: browsergym,
    sample: recorded(browsergym, 1),
    refused: [recorded(browsergym, 2).action, recorded(browsergym, 5).action],
  },
  {
    name: 'playwright-mcp',
    record: playwright,
    sample: recorded(playwright, 1),
    refused: [
      { name: 'browser_hover', arguments: { element: 'Heading', target: 'e2' } },
      { name: 'browser_type', arguments: { element: 'Name', target: 'f3e6', text: 'Ada' } },
    ] as WebAction[],
  },
] as const;

describe('web perturbation catalog', () => {
  it('has unique kebab-case ids, no parameter named like a `when` key, and a test case for every entry', () => {
    const ids = webPerturbations.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 6);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.deepEqual(new Set(CASES.map((entry) => entry.definition.id)), new Set(ids));
    const whenKeys = ['turn', 'tool', 'match', 'probability', 'every', 'from', 'until'];
    for (const entry of webPerturbations) {
      const keys = Object.keys(entry.params.parse({}) as Record<string, unknown>);
      assert.deepEqual(
        keys.filter((key) => whenKeys.includes(key)),
        [],
        entry.id,
      );
    }
  });

  it('names the action types of both dialects for `when.tool`', () => {
    assert.deepEqual(webActionTools(recorded(browsergym, 2).action), ['fill', 'select_option']);
    assert.deepEqual(webActionTools(recorded(playwright, 1).action), ['browser_click', 'click']);
  });

  for (const entry of CASES) {
    const { definition } = entry;
    describe(definition.id, () => {
      const params = definition.params.parse({}) as Record<string, unknown>;

      it('parses {} to its defaults and refuses unknown parameters', () => {
        assert.deepEqual(params, entry.defaults);
        assert.equal(definition.params.safeParse({ bogus: 1 }).success, false);
      });

      for (const dialect of DIALECTS) {
        const spec = dialect.record.spec;
        const context = contextOf(spec, dialect.sample.action, 2);

        it(`${dialect.name}: instruction with the essentials, on a turn and for the whole session`, () => {
          const turn = definition.instruction(params, context);
          for (const needle of entry.essentials) assert.ok(turn.includes(needle), `${needle} in: ${turn}`);
          const session = definition.instruction(params, contextOf(spec, undefined));
          assert.ok(session.trim().length > 20);
          assert.ok(!session.includes('this action'), session);
        });

        it(`${dialect.name}: renders the recorded page so that the check sees it, in the dialect's format`, () => {
          const original = dialect.sample.observation;
          assert.equal(definition.manifested(params, withObservation(context, original)), false);
          const rendered = definition.render(params, withObservation(context, original));
          assert.notEqual(rendered, original);
          assert.equal(definition.render(params, withObservation(context, original)), rendered);
          assert.equal(definition.manifested(params, withObservation(context, rendered)), true, rendered);
          assert.ok(rendered.includes(entry.shows));
          // The rendering is a well-formed page of the dialect: the domain's own checks find nothing wrong.
          const checks = checkWebObservation({
            spec,
            turnIndex: 1,
            action: dialect.sample.action,
            ledger: createWebLedger(spec),
            observation: rendered,
          });
          assert.deepEqual(
            checks.filter((check) => check.status === 'fail'),
            [],
            rendered,
          );
          // The agent can act on what was added: its ids are valid in the next turn.
          const lastId = [...rendered.matchAll(/\[(?:ref=)?([a-z0-9]+)\]/gi)].at(-1)?.[1];
          assert.ok(lastId !== undefined);
          const click =
            dialect.name === 'browsergym'
              ? `click("${lastId}")`
              : { name: 'browser_click', arguments: { element: 'x', target: lastId } };
          const page = parseWebPage(
            rendered,
            dialect.name === 'browsergym' ? 'browsergym' : 'playwright-mcp',
          );
          assert.equal(firstMissingWebId(parseWebAction(click, spec), page), undefined);
        });

        it(`${dialect.name}: applies to actions that load a page only`, () => {
          assert.equal(definition.appliesTo?.(params, context), true);
          for (const action of dialect.refused) {
            assert.equal(
              definition.appliesTo?.(params, contextOf(spec, action)),
              false,
              JSON.stringify(action),
            );
          }
        });
      }
    });
  }

  it('finds no perturbation on any recorded page of a real browser', () => {
    for (const record of recordings) {
      const pages = [record.initialObservation, ...record.turns.map((turn) => turn.observation)];
      for (const [index, page] of pages.entries()) {
        const action = record.turns[Math.max(0, index - 1)]?.action as WebAction;
        for (const definition of webPerturbations) {
          const shown = definition.manifested(
            definition.params.parse({}),
            withObservation(contextOf(record.spec, action), page),
          );
          assert.equal(shown, false, `${definition.id} on ${record.spec.id} page ${index}`);
        }
      }
    }
  });

  it('renders parameter variants that are told apart', () => {
    for (const dialect of DIALECTS) {
      const context = withObservation(
        contextOf(dialect.record.spec, dialect.sample.action),
        dialect.sample.observation,
      );
      for (const status of [500, 502, 503, 504] as const) {
        const page = webServerErrorPage.render({ status }, context);
        assert.equal(webServerErrorPage.manifested({ status }, { ...context, observation: page }), true);
        const other = status === 500 ? 503 : 500;
        assert.equal(
          webServerErrorPage.manifested({ status: other }, { ...context, observation: page }),
          false,
        );
      }
      const promotion = webPopupModal.render({ kind: 'promotion' }, context);
      assert.ok(promotion.includes('Special offer'));
      assert.equal(
        webPopupModal.manifested({ kind: 'promotion' }, { ...context, observation: promotion }),
        true,
      );
      assert.equal(
        webPopupModal.manifested({ kind: 'newsletter' }, { ...context, observation: promotion }),
        false,
      );
      // A cookie banner is a dialog too, but not a pop-up of either kind.
      const banner = webCookieBanner.render({}, context);
      assert.equal(
        webPopupModal.manifested({ kind: 'newsletter' }, { ...context, observation: banner }),
        false,
      );
    }
    const wall = webLoginWall.render(
      {},
      withObservation(
        contextOf(browsergym.spec, recorded(browsergym, 1).action),
        recorded(browsergym, 1).observation,
      ),
    );
    assert.ok(wall.startsWith('URL: http://127.0.0.1:8765/login?next=%2Fcontact.html\nTitle: Sign in\n\n'));
  });

  it('parseWorldSpec refuses unknown perturbations and bad parameters, naming the rule', () => {
    const refuse = (perturbations: unknown[], pattern: RegExp): void => {
      assert.throws(
        () => parseWorldSpec({ ...browsergym.spec, perturbations }),
        (error: unknown) => isAgentWorldError(error, 'INVALID_SPEC') && pattern.test(error.message),
      );
    };
    refuse(
      [{ id: 'nope', perturbation: 'no-results' }],
      /perturbations\[0\] \("nope"\).*unknown perturbation "no-results".*cookie-banner/,
    );
    refuse(
      [
        { perturbation: 'captcha' },
        { id: 'teapot', perturbation: 'server-error-page', params: { status: 418 } },
      ],
      /perturbations\[1\] \("teapot"\).*params\.status/,
    );
    refuse([{ perturbation: 'popup-modal', params: { kind: 'survey' } }], /perturbations\[0\].*params\.kind/);
  });
});

describe('web perturbations in a real session', () => {
  it('replay engine (browsergym): the firing turn is rendered, labelled, checked and becomes the next state', async () => {
    const engine = createReplayEngine({ sessions: recordings });
    const spec = {
      ...browsergym.spec,
      perturbations: [{ id: 'consent', perturbation: 'cookie-banner', when: { turn: 1, tool: 'click' } }],
    };
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: browsergym.seed });
    const first = await env.step(recorded(browsergym, 1).action);
    const expected = webCookieBanner.render(
      {},
      withObservation(
        contextOf(env.spec, recorded(browsergym, 1).action),
        recorded(browsergym, 1).observation,
      ),
    );
    assert.equal(first.observation, expected);
    const turn = first.info.turn;
    assert.equal(turn.provenance.source, 'injected');
    assert.equal(turn.provenance.origin?.source, 'real');
    const injected = turn.events.find((event) => event.type === 'perturbation.injected');
    assert.equal(injected?.data?.perturbation, 'cookie-banner');
    assert.equal(injected?.data?.manifested, true);
    assert.deepEqual(
      turn.checks.find((check) => check.id === 'perturbation:cookie-banner'),
      { id: 'perturbation:cookie-banner', status: 'pass' },
    );
    assert.deepEqual(
      turn.checks.filter((check) => check.status === 'fail'),
      [],
    );

    // The banner is part of the page the next action acts on.
    const second = await env.step(recorded(browsergym, 2).action);
    assert.ok(second.info.turn.prompt.includes("dialog 'Cookie consent'"));
    assert.equal(second.info.turn.provenance.source, 'replayed');
    assert.equal(second.info.turn.events.filter((event) => event.type === 'perturbation.injected').length, 0);
    await env.close();
    await engine.close();
  });

  it('replay engine (playwright-mcp): a navigation lands on the login wall', async () => {
    const engine = createReplayEngine({ sessions: recordings });
    const env = await createEnv(
      { ...playwright.spec, perturbations: [{ perturbation: 'login-wall', when: { turn: 3 } }] },
      { engine },
    );
    await env.reset({ seed: playwright.seed });
    for (const turn of [1, 2]) await env.step(recorded(playwright, turn).action);
    const third = await env.step(recorded(playwright, 3).action);
    assert.match(
      third.observation,
      /\n### Page\n- Page URL: http:\/\/127\.0\.0\.1:8765\/login\?next=%2Fcontact\.html\n- Page Title: Sign in\n### Snapshot\n```yaml\n/,
    );
    assert.equal(third.info.turn.provenance.source, 'injected');
    assert.equal(
      third.info.turn.checks.find((check) => check.id === 'perturbation:login-wall')?.status,
      'pass',
    );
    assert.equal(third.info.ledger.url, 'http://127.0.0.1:8765/login?next=%2Fcontact.html');
    await env.close();
    await engine.close();
  });

  describe('scripted world model', () => {
    let server: ScriptedModelServer;
    before(async () => {
      server = await startScriptedModelServer();
    });
    after(async () => {
      await server.close();
    });

    it('sends the control block after the fence, keeps it in history, and states session conditions', async () => {
      const click = recorded(playwright, 1).action;
      const context = withObservation(contextOf(playwright.spec, click), recorded(playwright, 1).observation);
      const captchaPage = webCaptcha.render({}, context);
      server.setScript([captchaPage, recorded(playwright, 2).observation]);
      const engine = createLwmEngine({
        baseUrl: server.url,
        model: server.model,
        retryBaseMs: 1,
        retryMaxMs: 5,
      });
      const env = await createEnv(
        {
          ...playwright.spec,
          perturbations: [
            // `click` matches browser_click through its short name.
            { perturbation: 'captcha', when: { tool: 'click' } },
            { perturbation: 'popup-modal', params: { kind: 'promotion' } },
          ],
        },
        { engine },
      );
      await env.reset({ seed: 5 });
      const first = await env.step(click);
      await env.step(recorded(playwright, 2).action);

      const instruction = webCaptcha.instruction({}, contextOf(env.spec, click, 1));
      // The turn shows the page the action acts on, as the domain renders it, then the fenced action and the block.
      const sections = env.domain.turnSections(env.spec, 1, env.domain.createLedger(env.spec));
      assert.ok(sections[0]?.body.includes('- heading "Corner Library" [level=1] [ref=e2]'));
      const turnOne = `${renderTurnPrompt(1, sections, renderWebAction(click))}${renderControlBlock([instruction])}`;
      assert.ok(turnOne.includes(`\`\`\`\n\n${TURN_CONTROL_HEADING}\n- ${instruction}`));
      const [firstBody, secondBody] = server.completionBodies;
      const firstMessages = firstBody?.messages as Array<{ role: string; content: string }>;
      const secondMessages = secondBody?.messages as Array<{ role: string; content: string }>;
      assert.equal(firstMessages[1]?.content, `${turnOne}\n\n${DEFAULT_TURN_INSTRUCTION}`);
      assert.equal(secondMessages[1]?.content, turnOne);
      assert.equal(secondMessages[1]?.content, env.turns[0]?.prompt);
      assert.ok(!secondMessages[3]?.content.includes(TURN_CONTROL_HEADING));

      // A model that follows the instruction shows the bot check; nothing is rendered over its page.
      const injected = first.info.turn.events.find(
        (event) => event.type === 'perturbation.injected' && event.data?.perturbation === 'captcha',
      );
      assert.equal(injected?.data?.manifested, true);
      assert.equal(injected?.data?.rendered, false);
      assert.equal(first.observation, captchaPage);

      const condition = webPopupModal.instruction({ kind: 'promotion' }, contextOf(env.spec, undefined));
      assert.ok(condition.includes('"Special offer"'));
      for (const messages of [firstMessages, secondMessages]) {
        const system = messages[0]?.content ?? '';
        assert.ok(system.includes(`${SYSTEM_CONDITIONS_HEADING}\n`));
        assert.ok(system.indexOf(SYSTEM_CONDITIONS_HEADING) < system.indexOf(`\n- ${condition}`));
      }
      await env.close();
      await engine.close();
    });
  });
});
