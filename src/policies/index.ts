export * from './adapters/index.js';
export { AdapterConversation, type AssistantAnswer } from './conversation.js';
export {
  DEFAULT_PARTIAL_FRACTION,
  NoopPolicy,
  noopPolicyFactory,
  partialPolicyFactory,
  partialPrefix,
  partialSolutionPolicy,
  type SolutionOf,
  withPolicyId,
} from './degraded-policies.js';
export {
  answerOfCompletion,
  OpenAiChatPolicy,
  type OpenAiChatPolicyEpisode,
  type OpenAiChatPolicyOptions,
  openAiChatPolicyFactory,
  type PolicySampling,
} from './openai-chat-policy.js';
export type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from './policy.js';
export {
  ScriptedPolicy,
  type ScriptedPolicyOptions,
  type ScriptedPolicyReply,
  type ScriptedPolicyScript,
  type ScriptedToolCall,
  scriptedPolicyFactory,
} from './scripted-policy.js';
export { SolutionPolicy, solutionPolicyFactory } from './solution-policy.js';
