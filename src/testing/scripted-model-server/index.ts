/**
 * A real HTTP server that speaks the OpenAI chat-completions protocol and answers from a script. It is what
 * every test and benchmark talks to instead of a real world model: it is honest about being scripted (its
 * model id defaults to `scripted-world-model`), binds to 127.0.0.1 on a random port, and can be told to
 * answer with an observation, raw text, an HTTP error, a dropped connection, a hang, or a truncated answer.
 *
 * Usage numbers are approximations (one token = four characters), and `cached_tokens` simulates a server
 * prefix cache: the longest common prefix between this prompt and any earlier prompt the server processed.
 */
export { defaultScriptedResponder } from './default-responder.js';
export type {
  DropReply,
  ErrorReply,
  HangReply,
  ObservationReply,
  RawReply,
  ReasoningMode,
  ScriptedMessage,
  ScriptedReply,
  ScriptedRequest,
  ScriptedResponder,
  ScriptedScript,
  TruncatedReply,
} from './replies.js';
export { startScriptedModelServer } from './server.js';
export {
  type RecordedRequest,
  SCRIPTED_MODEL_ID,
  type ScriptedModelServer,
  type ScriptedModelServerOptions,
} from './server-types.js';
export { approximateTokens } from './token-estimate.js';
