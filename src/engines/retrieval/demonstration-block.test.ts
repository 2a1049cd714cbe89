import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import { buildMessages, DEFAULT_TURN_INSTRUCTION, hashMessages } from '../../core/messages.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { cutToBytes, utf8Bytes, withDemonstrationMessages } from './demonstration-block.js';

function requestWithHistory(): PredictRequest {
  const messages = buildMessages({
    systemPrompt: 'You are a terminal.',
    history: [{ prompt: '### Turn 1\n**Action:**\n```\nls\n```', observation: 'a.txt\n' }],
    currentPrompt: '### Turn 2\n**Action:**\n```\ncat a.txt\n```',
    turnInstruction: DEFAULT_TURN_INSTRUCTION,
  });
  return {
    spec: WorldSpecSchema.parse({ domain: 'terminal' }),
    sessionId: 's',
    seed: 1,
    turnIndex: 2,
    action: 'cat a.txt',
    messages,
    promptHash: hashMessages(messages),
    messagesJson: JSON.stringify(
      messages.map((message) => ({ content: message.content, role: message.role })),
    ),
    history: [],
  };
}

describe('demonstration block in the newest user message', () => {
  it('goes before the turn instruction; messagesJson and promptHash follow, history and the original do not change', () => {
    const request = requestWithHistory();
    const conditioned = withDemonstrationMessages(request, '**Demonstrations:**\nexample');
    const newest = conditioned.messages[conditioned.messages.length - 1]?.content ?? '';
    assert.equal(
      newest,
      `### Turn 2\n**Action:**\n\`\`\`\ncat a.txt\n\`\`\`\n\n**Demonstrations:**\nexample\n\n${DEFAULT_TURN_INSTRUCTION}`,
    );
    assert.deepEqual(conditioned.messages.slice(0, -1), request.messages.slice(0, -1));
    assert.deepEqual(JSON.parse(conditioned.messagesJson ?? ''), conditioned.messages);
    assert.equal(conditioned.promptHash, hashMessages(conditioned.messages));
    assert.notEqual(conditioned.promptHash, request.promptHash);
    assert.deepEqual(JSON.parse(request.messagesJson ?? ''), request.messages, 'the original is unchanged');
  });

  it('cuts long text at a line end within the byte limit, multi-byte characters included', () => {
    const text = 'ééé\nabc\ndef\n';
    assert.equal(cutToBytes(text, 100), text);
    assert.equal(cutToBytes(text, 12), 'ééé\nabc\n');
    const cut = cutToBytes('ééééé', 5);
    assert.equal(cut, 'éé');
    assert.ok(utf8Bytes(cut) <= 5);
  });
});
