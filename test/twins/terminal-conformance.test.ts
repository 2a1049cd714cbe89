/**
 * The terminal twin against real bash: the same command sessions (fixtures/terminal-sessions.json) run on the real
 * terminal engine (bash in bubblewrap) and, turn by turn with the real history, on the twin. Every screen the twin
 * answers must equal the real one byte for byte on at least 99.5 % of its answers; declined turns are counted by
 * reason. Prints the agreement, the answered share, each disagreement and the twin's p50 step time.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { PredictRequest } from '../../src/core/engine.js';
import type { Turn } from '../../src/core/turn.js';
import { findBwrap } from '../../src/engines/real/sandbox/find-bwrap.js';
import { createRealTerminalEngine } from '../../src/engines/real/terminal/index.js';
import { createTerminalTwin } from '../../src/twins/index.js';

interface SessionFixture {
  readonly name: string;
  readonly user: string;
  readonly commands: readonly string[];
}

const sessions = JSON.parse(
  readFileSync(new URL('./fixtures/terminal-sessions.json', import.meta.url), 'utf8'),
) as SessionFixture[];

function specFor(session: SessionFixture): PredictRequest['spec'] {
  const root = session.user === 'root';
  return {
    id: `twin-conformance-${session.name}`,
    domain: 'terminal',
    dialect: 'terminus',
    task: 'Work in the shell.',
    initialState: {
      data: {
        user: session.user,
        host: 'sim',
        home: root ? '/root' : `/home/${session.user}`,
        cwd: root ? '/workspace' : `/home/${session.user}`,
      },
    },
  } as unknown as PredictRequest['spec'];
}

const bwrap = findBwrap(undefined);

describe('terminal twin conformance against real bash', {
  skip: bwrap === undefined,
  timeout: 900_000,
}, () => {
  it('agrees with real bash on at least 99.5 % of the turns it answers', async () => {
    const real = createRealTerminalEngine({ maxSessions: 2 });
    const twin = createTerminalTwin();
    let answered = 0;
    let agreed = 0;
    let total = 0;
    const declined = new Map<string, number>();
    const disagreements: string[] = [];
    const declinedTurns: string[] = [];
    const stepTimes: number[] = [];
    try {
      for (const session of sessions) {
        const spec = specFor(session);
        const history: Turn[] = [];
        for (const command of session.commands) {
          const action = [{ keystrokes: `${command}\n`, duration: 1 }];
          const request = {
            spec,
            sessionId: session.name,
            seed: 0,
            turnIndex: history.length + 1,
            action,
            messages: [],
            promptHash: '',
            history: [...history],
          } as unknown as PredictRequest;
          const truth = (await real.predict(request)).observation;
          const started = performance.now();
          const answer = await twin.answer(request);
          stepTimes.push(performance.now() - started);
          total++;
          if (answer.kind === 'answered') {
            answered++;
            if (answer.observation === truth) agreed++;
            else {
              disagreements.push(
                `${session.name}: ${JSON.stringify(command)}\n  real: ${JSON.stringify(truth)}\n  twin: ${JSON.stringify(answer.observation)}`,
              );
            }
          } else {
            const reason = answer.reason.replace(/: .*$/, '');
            declined.set(reason, (declined.get(reason) ?? 0) + 1);
            declinedTurns.push(`${reason}: ${JSON.stringify(command)} (${answer.reason})`);
            await twin.absorb(request, truth);
          }
          history.push({ action, observation: truth } as unknown as Turn);
        }
        await real.releaseSession(session.name);
      }
    } finally {
      await real.close();
      await twin.close();
    }
    stepTimes.sort((left, right) => left - right);
    const rate = answered === 0 ? 0 : agreed / answered;
    console.log(
      `terminal twin: ${total} turns, answered ${answered} (${((100 * answered) / total).toFixed(1)} %), ` +
        `agreed ${agreed} (${(100 * rate).toFixed(2)} % of answered), p50 step ${stepTimes[Math.floor(stepTimes.length / 2)]?.toFixed(2)} ms`,
    );
    for (const [reason, count] of [...declined].sort((left, right) => right[1] - left[1])) {
      console.log(`  declined ${count}: ${reason}`);
    }
    for (const line of declinedTurns.sort()) console.log(`    ${line}`);
    for (const line of disagreements) console.log(`DISAGREE ${line}`);
    assert.ok(answered >= total * 0.5, `the twin answered only ${answered} of ${total} turns`);
    assert.ok(rate >= 0.995, `agreement ${(100 * rate).toFixed(2)} % < 99.5 %`);
  });
});
