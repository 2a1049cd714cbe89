import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentHash } from './hash.js';
import {
  buildMessages,
  ConversationPrefix,
  DEFAULT_TURN_INSTRUCTION,
  fence,
  hashMessages,
  MessageHashPrefix,
  newestUserMessage,
  renderObservationMessage,
  renderTurnPrompt,
} from './messages.js';

describe('prompt layout', () => {
  it('renders a turn block in the AgentWorldBench layout', () => {
    const text = renderTurnPrompt(3, [{ heading: 'Current State', body: 'root@x:/# ' }], fence('[]', 'json'));
    assert.equal(text, '### Turn 3\n**Current State:**\nroot@x:/# \n\n**Action:**\n```json\n[]\n```');
    assert.equal(renderTurnPrompt(1, [], '```json\n{}\n```'), '### Turn 1\n**Action:**\n```json\n{}\n```');
  });

  it('fences with more backticks than the body holds', () => {
    assert.equal(fence('a ``` b', 'json'), '````json\na ``` b\n````');
    assert.equal(fence('plain'), '```\nplain\n```');
  });

  it('puts the instruction only on the newest user message and keeps history verbatim', () => {
    const history = [
      { prompt: '### Turn 1\n**Action:**\n```json\n[1]\n```', observation: 'one' },
      { prompt: '### Turn 2\n**Action:**\n```json\n[2]\n```', observation: 'two' },
    ];
    const messages = buildMessages({
      systemPrompt: 'SYSTEM',
      history,
      currentPrompt: '### Turn 3\n**Action:**\n```json\n[3]\n```',
      turnInstruction: DEFAULT_TURN_INSTRUCTION,
    });
    assert.deepEqual(
      messages.map((message) => message.role),
      ['system', 'user', 'assistant', 'user', 'assistant', 'user'],
    );
    assert.equal(messages[1]?.content, history[0]?.prompt);
    assert.equal(messages[2]?.content, renderObservationMessage('one'));
    assert.equal(messages[4]?.content, '**Environment Observation:**\ntwo');
    const last = messages[5]?.content ?? '';
    assert.ok(last.startsWith('### Turn 3\n'));
    assert.ok(last.includes(DEFAULT_TURN_INSTRUCTION));
    assert.ok(last.endsWith(DEFAULT_TURN_INSTRUCTION));
    assert.ok(!messages.slice(0, 5).some((message) => message.content.includes('predicted_observation')));
  });

  it('omits an empty system prompt', () => {
    const messages = buildMessages({
      systemPrompt: '',
      history: [],
      currentPrompt: 'x',
      turnInstruction: 'y',
    });
    assert.deepEqual(messages, [{ role: 'user', content: 'x\n\ny' }]);
  });

  it('hashes messages exactly as contentHash does', () => {
    const messages = buildMessages({
      systemPrompt: 'S "quoted" \u2603',
      history: [{ prompt: 'p\n1', observation: 'o\t1' }],
      currentPrompt: 'c',
      turnInstruction: 'i',
    });
    assert.equal(hashMessages(messages), contentHash(messages));
    assert.notEqual(hashMessages(messages), hashMessages(messages.slice(1)));
  });
});

describe('MessageHashPrefix', () => {
  it('gives the same hash as hashMessages, step by step, and never changes a shared prefix', () => {
    const all = buildMessages({
      systemPrompt: 'S',
      history: [
        { prompt: 'u1', observation: 'o1' },
        { prompt: 'u2 "q"', observation: 'o2\n' },
      ],
      currentPrompt: 'u3',
      turnInstruction: 'i',
    });
    const base = MessageHashPrefix.empty().append(all.slice(0, 1));
    const grown = base.append(all.slice(1, 5));
    assert.equal(grown.digestWith(all.slice(5)), hashMessages(all));
    assert.equal(base.digestWith(all.slice(1)), hashMessages(all), 'base was changed by append');
    assert.equal(MessageHashPrefix.empty().digestWith([]), hashMessages([]));
  });
});

describe('ConversationPrefix', () => {
  it('builds the same messages and hash as buildMessages and hashMessages, and never changes a shared prefix', () => {
    const history = [
      { prompt: 'u1', observation: 'o1' },
      { prompt: 'u2', observation: 'o2' },
    ];
    const expected = buildMessages({
      systemPrompt: 'S',
      history,
      currentPrompt: 'u3',
      turnInstruction: 'i',
    });
    const one = ConversationPrefix.start('S').appendTurn('u1', 'o1');
    const two = one.appendTurn('u2', 'o2');
    const request = two.request(newestUserMessage('u3', 'i'));
    assert.deepEqual(request.messages, expected);
    assert.equal(request.promptHash, hashMessages(expected));
    assert.equal(one.messages.length, 3, 'appending to a prefix must not change it');
    assert.deepEqual(ConversationPrefix.start('').messages, []);
  });
});
