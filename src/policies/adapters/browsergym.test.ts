import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../../core/turn.js';
import { webPresentBrowserGymObservation as presentBrowserGymObservation } from '../../domains/web/index.js';
import { ScriptedPolicy } from '../scripted-policy.js';
import { corpusSessions, exampleSessions, playRecord, taskOf } from '../sessions.test-data.js';

const records = [
  ...exampleSessions('web').filter((record) => record.spec.dialect === 'browsergym'),
  ...corpusSessions('web-browsergym'),
];

function codeOf(action: unknown): string {
  return String((action as { code: string }).code);
}

describe('browsergym adapter', () => {
  it(`shows every page as the demo agent does and reads the action code (${records.length} sessions)`, async () => {
    let errorsShown = 0;
    let bidErrors = 0;
    for (const record of records) {
      const policy = new ScriptedPolicy(
        {
          script: (turn) => {
            const recorded = record.turns[turn.step];
            if (recorded === undefined) return 'send_msg_to_user("finished")';
            // Agents write the action bare, in <action> tags or in a code fence.
            const code = codeOf(recorded.action);
            return [code, `I will act.\n<action>\n${code}\n</action>`, `\`\`\`python\n${code}\n\`\`\``][
              turn.step % 3
            ] as string;
          },
        },
        { spec: record.spec, instruction: taskOf(record) },
      );
      const decisions = await playRecord(policy, record);
      const users = policy.messages().filter((message) => message.role === 'user');
      const opening = String(users[0]?.content);
      assert.ok(
        opening.includes(
          `# Goal\n${taskOf(record)}\n\n# Observation of the current step\n${presentBrowserGymObservation(record.initialObservation)}`,
        ),
      );
      users.slice(1).forEach((message, index) => {
        const observation = record.turns[index]?.observation ?? '';
        assert.equal(message.content, presentBrowserGymObservation(observation));
        assert.ok(String(message.content).startsWith('# Currently open tabs\n'));
        if (observation.startsWith('Last action error: ')) {
          errorsShown += 1;
          const error = (observation.split('\n')[0] as string).slice('Last action error: '.length).trim();
          assert.ok(String(message.content).endsWith(`# Error message from last action\n\n${error}\n\n`));
          if (error.startsWith('ValueError: Could not find element with bid "')) bidErrors += 1;
        }
      });
      decisions.forEach((decision, index) => {
        const recorded = record.turns[index];
        if (recorded === undefined) return;
        assert.equal(decision.action, codeOf(recorded.action));
        const message = /^send_msg_to_user\("(.*)"\)$/.exec(codeOf(recorded.action));
        assert.equal(
          decision.done,
          message !== null || codeOf(recorded.action).startsWith('report_infeasible'),
        );
        if (message !== null) assert.equal(decision.finalAnswer, message[1]);
      });
    }
    assert.ok(errorsShown > 0 && bidErrors > 0, 'the corpus holds failed actions');
  });

  it("gives BrowserGym's error for code it cannot read, shown over the unchanged page", async () => {
    const record = records[0] as SessionRecord;
    const policy = new ScriptedPolicy(
      { script: ['click("12"', 'click(12, 13, 14, 15)', 'noop()'] },
      { spec: record.spec, instruction: 'x' },
    );
    const syntax = await policy.decide({
      step: 0,
      spec: record.spec,
      observation: record.initialObservation,
    });
    assert.match(syntax.invalid ?? '', /^SyntaxError: /);
    assert.equal(syntax.action, undefined);
    const refused = await policy.decide({
      step: 1,
      spec: record.spec,
      observation: record.initialObservation,
      invalidActionError: syntax.invalid,
    });
    const shown = String(policy.messages().at(-2)?.content);
    assert.ok(shown.endsWith(`# Error message from last action\n\n${syntax.invalid}\n\n`), shown);
    assert.ok(shown.startsWith(presentBrowserGymObservation(record.initialObservation).slice(0, 40)));
    assert.match(refused.invalid ?? '', /^ValueError: /);
    const noop = await policy.decide({
      step: 2,
      spec: record.spec,
      observation: record.initialObservation,
      invalidActionError: refused.invalid,
    });
    assert.equal(noop.action, 'noop()');
  });
});
