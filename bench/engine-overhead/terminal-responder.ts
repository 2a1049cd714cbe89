/** A scripted observation reply (the `observation` form of the scripted server's replies). */
interface TerminalReply {
  readonly type: 'observation';
  readonly observation: string;
  readonly reasoning: string;
}

/** The part of a chat-completion request the benchmark responder reads. */
interface ChatRequest {
  readonly model: string;
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
}

const PROMPT = 'root@64fd58b770d7:';

/**
 * A terminal-like answer for the benchmark: the prompt with the typed command, one line of output and a fresh
 * prompt, in the directory the command leaves the shell in (so the terminal checks run on realistic screens).
 */
export function terminalScreenReply(request: ChatRequest): TerminalReply {
  const last = request.messages[request.messages.length - 1]?.content ?? '';
  const keystrokes = /"keystrokes": "((?:[^"\\]|\\.)*)"/.exec(last)?.[1] ?? '';
  const command = JSON.parse(`"${keystrokes}"`).replace(/\n$/, '') as string;
  const previous = request.messages[request.messages.length - 2];
  const shown = previous?.role === 'assistant' ? previous.content : (request.messages[1]?.content ?? '');
  const cwd = /root@64fd58b770d7:([^#\s]*)# $/.exec(shown)?.[1] ?? '/workspace';
  const next = command === 'cd notes' ? '/workspace/notes' : command === 'cd ..' ? '/workspace' : cwd;
  return {
    type: 'observation',
    observation: `${PROMPT}${cwd}# ${command}\noutput of ${command.split(' ')[0]}\n${PROMPT}${next}# `,
    reasoning: 'The command runs at once and prints one line.',
  };
}

/** The chat-completion body a `think`-mode server sends for a reply (non-streaming). */
export function completionBody(request: ChatRequest, reply: TerminalReply): Record<string, unknown> {
  const { observation, reasoning } = reply;
  return {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 0,
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: `<think>\n${reasoning}\n</think>\n\n<predicted_observation>\n${observation}\n</predicted_observation>`,
        },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 1000, completion_tokens: 40, total_tokens: 1040 },
  };
}

/**
 * A `fetch` that answers chat completions in-process (no socket, no server): isolates AgentWorld and the openai
 * client from the HTTP stack.
 */
export function inProcessModelFetch(): typeof fetch {
  return async (_input, init) => {
    const request = lastTurnOf(String(init?.body));
    const text = JSON.stringify(completionBody(request, terminalScreenReply(request)));
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/**
 * The model and the last two messages of a request body, without parsing the whole history (a real server's
 * parsing cost is not AgentWorld's, and the fake model should not dominate the measurement). Messages may have
 * their keys in either order (`role` first or `content` first).
 */
function lastTurnOf(body: string): ChatRequest {
  const model = /"model":"([^"]*)"/.exec(body.slice(body.lastIndexOf('"model":')))?.[1] ?? 'bench';
  const start = Math.max(
    body.lastIndexOf('{"role":"assistant"'),
    body.lastIndexOf('{"content":', body.lastIndexOf(',"role":"assistant"}')),
  );
  const end = body.indexOf(']', body.lastIndexOf('"role":"user"'));
  if (start >= 0 && end > start) {
    try {
      return { model, messages: JSON.parse(`[${body.slice(start, end)}]`) as ChatRequest['messages'] };
    } catch {
      // A `]` inside the content cut the slice short: parse the whole body instead.
    }
  }
  return JSON.parse(body) as ChatRequest;
}
