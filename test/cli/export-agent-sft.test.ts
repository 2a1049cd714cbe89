import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SessionRecord } from '../../src/core/turn.js';
import {
  parseTerminusReply,
  TERMINAL_COMPLETION_QUESTION,
  type TerminalAction,
  terminusIncrementalOutput,
} from '../../src/domains/terminal/index.js';
import {
  agentHarnessFor,
  agentSftChat,
  exportSessions,
  keepInSubsample,
  MessagesRowSchema,
  nextScrollback,
  sampleTurnIndices,
  selectTurns,
  visiblePane,
} from '../../src/export/index.js';
import { readSessionFile } from '../../src/session/session-file.js';
import { REPO_ROOT, temporaryFolder } from './run-cli.js';

const example = (name: string): string => join(REPO_ROOT, 'examples', 'sessions', `${name}.jsonl`);
const real = (name: string): string => join(REPO_ROOT, 'corpus', 'real', `${name}.jsonl.gz`);

async function sessions(path: string): Promise<SessionRecord[]> {
  return readSessionFile(path);
}

function chatOf(record: SessionRecord) {
  const chat = agentSftChat(record, new Set(record.turns.map((turn) => turn.index)));
  assert.ok(chat !== undefined, `${record.id} gives a chat`);
  return chat;
}

const TERMINUS_REPLY_KEYS = ['analysis', 'plan', 'commands', 'task_complete'];

describe('agentworld export agent-sft: the harness side', { concurrency: 4 }, () => {
  const folder = temporaryFolder('export-agent-sft');
  after(() => folder.remove());

  it('opens a terminus session with the Terminus-2 prompt naming the task and the first screen', async () => {
    const records = [...(await sessions(example('terminal'))), ...(await sessions(real('terminal')))];
    assert.ok(records.length > 100);
    for (const record of records) {
      const [first, second] = chatOf(record);
      // Terminus-2 has no system message: its template is the first user message.
      assert.equal(first?.role, 'user');
      assert.match(first?.content ?? '', /^You are an AI agent that solves tasks in a Linux shell\./);
      assert.ok(
        first?.content.endsWith(
          `\n\nTask Description:\n${record.spec.task}\n\nCurrent terminal state:\n` +
            `Current Terminal Screen:\n${record.initialObservation}`,
        ),
        record.id,
      );
      assert.ok(first?.content.includes('"task_complete": false'));
      assert.equal(second?.role, 'assistant');
    }
  });

  it('writes every terminus action as the whole Terminus-2 JSON reply with the recorded keystrokes', async () => {
    const records = [...(await sessions(example('terminal'))), ...(await sessions(real('terminal')))];
    let completions = 0;
    for (const record of records) {
      const replies = chatOf(record).filter((message) => message.role === 'assistant');
      assert.equal(replies.length, record.turns.length, record.id);
      for (const [k, reply] of replies.entries()) {
        const action = record.turns[k]?.action as TerminalAction;
        const value = JSON.parse(reply.content) as Record<string, unknown>;
        assert.deepEqual(Object.keys(value), TERMINUS_REPLY_KEYS);
        assert.equal(value.analysis, '');
        assert.equal(value.plan, '');
        assert.deepEqual(value.commands, action);
        assert.equal(value.task_complete, action.length === 0);
        if (action.length === 0) completions += 1;
        // Terminus-2's own parser accepts it as a whole reply, commands and claim intact.
        const parsed = parseTerminusReply(reply.content);
        assert.equal(parsed.form, 'reply');
        assert.deepEqual(parsed.warnings, []);
        assert.deepEqual(
          parsed.commands.map((command) => command.keystrokes),
          action.map((command) => command.keystrokes),
        );
      }
    }
    assert.ok(completions > 50);
  });

  it('takes analysis and plan from an action recorded as a whole reply', async () => {
    const [record] = await sessions(example('terminal'));
    assert.ok(record !== undefined);
    const first = record.turns[0];
    assert.ok(first !== undefined);
    const reply = {
      analysis: 'An empty workspace.',
      plan: 'Make the folder.',
      commands: first.action,
      task_complete: false,
    };
    const harness = agentHarnessFor(record);
    assert.deepEqual(JSON.parse(harness.renderAction(reply)), reply);
  });

  it('shows terminus observations as Terminus-2 does, turn by turn with the previous screen', async () => {
    const [record] = await sessions(example('terminal'));
    assert.ok(record !== undefined);
    const users = chatOf(record).filter((message) => message.role === 'user');
    // Turn 1 follows the first capture (no newline in it): the whole new buffer is new output.
    assert.ok(!record.initialObservation.includes('\n'));
    assert.equal(users[1]?.content, `New Terminal Output:\n${record.turns[0]?.observation}`);
    // Later turns start at the last line of the previous capture, the newline before it included.
    for (const k of [1, 2, 3, 4]) {
      assert.equal(users[k + 1]?.content, `New Terminal Output:\n\n${record.turns[k]?.observation}`);
    }
  });

  it('shows a scrolled turn (a full 40-line pane whose top scrolled away) as new output, not the screen', async () => {
    const record = (await sessions(real('terminal'))).find((entry) => entry.id === 'terminal-long-output-1');
    assert.ok(record !== undefined);
    const [turn1, turn2] = record.turns;
    assert.ok(turn1 !== undefined && turn2 !== undefined);
    assert.equal(turn1.observation.split('\n').length, 40);
    assert.ok(!turn1.observation.startsWith(record.initialObservation));
    const users = chatOf(record).filter((message) => message.role === 'user');
    assert.equal(
      users[1]?.content,
      `New Terminal Output:\n${record.initialObservation}\n${turn1.observation}`,
    );
    assert.equal(turn2.observation.split('\n').length, 40);
    assert.equal(
      users[2]?.content,
      `New Terminal Output:\n\n${turn1.observation.split('\n').at(-1)}\n${turn2.observation}`,
    );
  });

  it('shows output left without a final newline and the prompt after it as Terminus-2 does', async () => {
    const record = (await sessions(example('terminal'))).find(
      (entry) => entry.id === 'example-terminal-directories-and-keys',
    );
    assert.ok(record !== undefined);
    const users = chatOf(record).filter((message) => message.role === 'user');
    const turn = record.turns[5];
    const before = record.turns[4]?.observation ?? '';
    assert.ok(turn !== undefined && before.endsWith('no newline at the endroot@64fd58b770d7:/workspace# '));
    assert.equal(users[6]?.content, `New Terminal Output:\n\nno newline at the end${turn.observation}`);
  });

  it('follows a program waiting for input line by line, without repeating its command line', async () => {
    const record = (await sessions(real('terminal'))).find((entry) => entry.id === 'terminal-interactive-2');
    assert.ok(record !== undefined);
    const [turn1, turn2] = record.turns;
    assert.ok(turn1 !== undefined && turn2 !== undefined);
    assert.ok(turn1.observation.endsWith('cat > orbit.txt\n'));
    assert.ok(turn2.observation.startsWith(turn1.observation));
    const users = chatOf(record).filter((message) => message.role === 'user');
    // The scrollback so far is one line (no newline before it): Terminus-2 shows all of it as new output.
    assert.equal(users[2]?.content, `New Terminal Output:\n${turn2.observation}`);
    assert.equal(users[2]?.content.split('cat > orbit.txt').length, 2);
  });

  it('rebuilds the scrollback: prompt continuation, redraw, scroll, and a display that replaced the pane', () => {
    const prompt = 'root@h:/w# ';
    const isPrompt = (line: string) => line.startsWith(prompt);
    assert.equal(nextScrollback(`a\n${prompt}`, `${prompt}ls\nx\n${prompt}`), `a\n${prompt}ls\nx\n${prompt}`);
    assert.equal(
      nextScrollback(`${prompt}top\nload 1\n`, `${prompt}top\nload 2\n`),
      `${prompt}top\nload 2\n`,
    );
    const pane = Array.from({ length: 40 }, (_, i) => String(i)).join('\n');
    assert.equal(nextScrollback(prompt, pane, isPrompt), `${prompt}\n${pane}`);
    assert.equal(
      nextScrollback(`~\n~\n-- INSERT --`, `${prompt}echo hi\nhi\n${prompt}`, isPrompt),
      `~\n~\n-- INSERT --\n${prompt}echo hi\nhi\n${prompt}`,
    );
    const editor = '  GNU nano 7.2   notes.txt\n\n^G Help  ^X Exit';
    assert.equal(nextScrollback(`a\n${prompt}`, editor, isPrompt), editor);
    // Terminus-2 shows a display that replaced the pane as the current screen.
    assert.equal(
      terminusIncrementalOutput({
        previousBuffer: `a\n${prompt}`,
        currentBuffer: editor,
        visibleScreen: visiblePane(editor),
      }),
      `Current Terminal Screen:\n${editor}`,
    );
  });

  it('asks for confirmation after a completion claim, over the unchanged screen, and ends on the second', async () => {
    const [record] = await sessions(example('terminal'));
    assert.ok(record !== undefined);
    const claim = record.turns.at(-1);
    assert.ok(claim !== undefined && (claim.action as TerminalAction).length === 0);
    const harness = agentHarnessFor(record);
    let shown: string | undefined;
    for (const turn of record.turns) shown = harness.observe(turn);
    const lastLine = record.turns.at(-2)?.observation.split('\n').at(-1);
    assert.equal(
      shown,
      `Current terminal state:\nNew Terminal Output:\n\n${lastLine}\n\n${TERMINAL_COMPLETION_QUESTION}`,
    );
    assert.equal(harness.observe(claim), undefined);
    // A chat that claims twice stops after the second claim.
    const twice = { ...record, turns: [...record.turns, { ...claim, index: claim.index + 1 }] };
    const extra = { ...claim, index: claim.index + 2 };
    const thrice = { ...twice, turns: [...twice.turns, extra] };
    const chat = agentSftChat(thrice, new Set(thrice.turns.map((turn) => turn.index)));
    assert.equal(chat?.filter((message) => message.role === 'assistant').length, record.turns.length + 1);
    assert.equal(chat?.at(-1)?.role, 'assistant');
  });

  it('opens mini-swe-agent and SWE-agent sessions with their system and instance templates and the tools', async () => {
    const records = [...(await sessions(example('swe'))), ...(await sessions(real('swe')))];
    const seen = new Set<string>();
    for (const record of records) {
      const chat = chatOf(record);
      const [system, user] = chat;
      seen.add(record.spec.dialect ?? '');
      assert.equal(system?.role, 'system');
      assert.match(system?.content ?? '', /\n<tools>\n[\s\S]*\n<\/tools>\n/);
      assert.equal(user?.role, 'user');
      if (record.spec.dialect === 'mini-swe-agent') {
        assert.ok(user?.content.startsWith(`Please solve this issue: ${record.spec.task}\n`));
        assert.ok(system?.content.includes('{"type":"function","function":{"name":"bash"'));
        assert.ok(user?.content.includes('echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT'));
      } else if (record.spec.dialect === 'swe-agent') {
        assert.ok(user?.content.startsWith('<uploaded_files>\n/testbed\n</uploaded_files>\n'));
        assert.ok(user?.content.includes(`<pr_description>\n${record.spec.task}\n</pr_description>`));
        assert.ok(system?.content.includes('"name":"str_replace_editor"'));
        for (const message of chat.slice(3).filter((entry) => entry.role === 'user')) {
          assert.match(message.content, /^<tool_response>\nOBSERVATION:\n[\s\S]*\n<\/tool_response>$/);
        }
      } else {
        assert.ok(system?.content.includes(`Working directory: ${record.spec.initialState.data?.cwd}`));
        assert.equal(user?.content, record.spec.task);
      }
      // Each action is the policy's call, exactly the recorded one.
      const calls = chat.filter((message) => message.role === 'assistant');
      for (const [k, call] of calls.entries()) {
        const match = /^<tool_call>\n(.*)\n<\/tool_call>$/s.exec(call.content);
        assert.ok(match?.[1] !== undefined, call.content);
        assert.deepEqual(JSON.parse(match[1]), record.turns[k]?.action);
      }
    }
    assert.deepEqual([...seen].sort(), ['claude-code', 'gemini-cli', 'mini-swe-agent', 'swe-agent']);
  });

  it('opens mcp and search sessions with every tool in the function-calling layout', async () => {
    for (const name of ['mcp', 'search']) {
      for (const record of await sessions(real(name))) {
        const [system, user, call, result] = chatOf(record);
        const signatures = (system?.content ?? '')
          .split('\n')
          .filter((line) => line.startsWith('{"type":"function"'))
          .map((line) => (JSON.parse(line) as { function: { name: string } }).function.name);
        const expected =
          name === 'mcp'
            ? (record.spec.tools ?? []).map((tool) => tool.name)
            : ['web_search', 'web_extractor', 'dict_memory'];
        assert.deepEqual(signatures, expected);
        assert.equal(user?.content, record.spec.task);
        assert.match(call?.content ?? '', /^<tool_call>\n\{"name":/);
        if (result !== undefined) {
          assert.equal(result.content, `<tool_response>\n${record.turns[0]?.observation}\n</tool_response>`);
        }
      }
    }
  });

  it('opens web, android and os sessions with a harness-style instruction, the goal and the first state', async () => {
    for (const path of [example('web'), real('web-browsergym'), real('web-playwright-mcp')]) {
      for (const record of await sessions(path)) {
        const chat = chatOf(record);
        assert.equal(chat[0]?.role, 'system');
        assert.ok(chat[1]?.content.includes(record.spec.task ?? '<no task>'));
        assert.ok(chat[1]?.content.includes(record.initialObservation));
        const replies = chat.filter((message) => message.role === 'assistant');
        if (record.spec.dialect === 'browsergym') {
          assert.ok(chat[1]?.content.includes('- click(bid: bid, button?: string, modifiers?: strings)'));
          assert.deepEqual(
            replies.map((reply) => reply.content),
            record.turns.map((turn) => (turn.action as { code: string }).code),
          );
        } else {
          assert.ok(chat[0]?.content.includes('"name":"browser_click"'));
          assert.ok(replies.every((reply) => reply.content.startsWith('<tool_call>\n')));
        }
      }
    }
    for (const record of await sessions(example('android'))) {
      const chat = chatOf(record);
      assert.ok(chat[1]?.content.startsWith(`The user's goal: ${record.spec.task}\n`));
      const reply = chat[2]?.content ?? '';
      if (record.spec.dialect === 'phone-invoke')
        assert.match(reply, /^<invoke name="phone">\n<parameter name="action">/);
      else assert.equal(reply, `Action: ${JSON.stringify(record.turns[0]?.action)}`);
    }
    for (const record of await sessions(example('os'))) {
      const chat = chatOf(record);
      assert.ok(chat[0]?.content.endsWith(`The task: ${record.spec.task}`));
      assert.match(
        chat[2]?.content ?? '',
        record.spec.dialect === 'pyautogui' ? /^```python\n/ : /^```json\n/,
      );
    }
  });

  it('writes the agent-sft opening through the chat dialects: the system message first', async () => {
    const out = join(folder.path, 'swe-sft.jsonl');
    await exportSessions({ format: 'agent-sft', dialect: 'messages', out, inputs: [example('swe')] });
    const rows = readFileSync(out, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => MessagesRowSchema.parse(JSON.parse(line)));
    assert.ok(rows.length > 0);
    for (const row of rows)
      assert.deepEqual(
        row.messages.slice(0, 3).map((message) => message.role),
        ['system', 'user', 'assistant'],
      );
  });
});

describe('agentworld export: the seeded subsample', () => {
  const folder = temporaryFolder('export-subsample');
  after(() => folder.remove());

  it('keeps each turn by a draw from (seed, session id, turn): deterministic, about the fraction, seed-dependent', async () => {
    const records = [...(await sessions(real('terminal'))), ...(await sessions(real('swe')))];
    const all = records.flatMap((record) => record.turns.map((turn) => [record.id, turn.index] as const));
    const kept = (seed: number) => all.filter(([id, turn]) => keepInSubsample(id, turn, 0.5, seed));
    assert.deepEqual(kept(0), kept(0));
    const share = kept(0).length / all.length;
    assert.ok(share > 0.45 && share < 0.55, `kept ${share}`);
    assert.notDeepEqual(kept(0), kept(1));
    assert.equal(all.filter(([id, turn]) => keepInSubsample(id, turn, 1)).length, all.length);
    assert.equal(all.filter(([id, turn]) => keepInSubsample(id, turn, 0)).length, 0);
    assert.throws(() => keepInSubsample('x', 1, 1.5), RangeError);
  });

  it('subsamples the sampled bench turns and the world-model turns, and leaves agent-sft whole', async () => {
    const input = real('terminal');
    const records = await sessions(input);
    const bench = join(folder.path, 'bench.jsonl');
    const summary = await exportSessions({
      format: 'bench',
      out: bench,
      inputs: [input],
      subsample: 0.5,
      seed: 3,
    });
    const rows = readFileSync(bench, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { turn_idx: number });
    const expected = records.flatMap((record) =>
      sampleTurnIndices(record.turns.length).filter((turn) => keepInSubsample(record.id, turn, 0.5, 3)),
    );
    assert.equal(summary.rows, expected.length);
    assert.deepEqual(
      rows.map((row) => row.turn_idx),
      expected,
    );
    const full = records.reduce((sum, record) => sum + sampleTurnIndices(record.turns.length).length, 0);
    assert.ok(expected.length < full * 0.65 && expected.length > full * 0.35);
    const [record] = records;
    assert.ok(record !== undefined);
    assert.deepEqual(
      selectTurns(record, { turns: 'all', subsample: 0.5, seed: 3 }),
      record.turns.map((turn) => turn.index).filter((turn) => keepInSubsample(record.id, turn, 0.5, 3)),
    );
    const sft = join(folder.path, 'sft.jsonl');
    const sftSummary = await exportSessions({
      format: 'agent-sft',
      out: sft,
      inputs: [input],
      subsample: 0.1,
    });
    assert.equal(sftSummary.rows, records.length);
  });
});
