/**
 * The policies a compare run ranks, named on the command line by repeatable `--policy` values:
 *
 *   solution                 the task's known solution (and its answer)
 *   partial[:FRACTION]       the first ⌊FRACTION × n⌋ of the solution's n actions, no answer (default 0.5)
 *   noop                     ends at once
 *   chat:URL#MODEL           an OpenAI-compatible chat model through the world's harness adapter
 *   ID=KIND…                 any of these under another id (two chat models, two fractions …)
 *
 * Ids name the policy in the report and its output files, so they are unique and file-name safe.
 */
import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import {
  noopPolicyFactory,
  openAiChatPolicyFactory,
  type PolicyFactory,
  type PolicySampling,
  partialPolicyFactory,
  type SolutionOf,
  SolutionPolicy,
} from '../../policies/index.js';
import type { LoadedTask } from '../types.js';

const POLICY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const RosterEntrySchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string().regex(POLICY_ID), kind: z.literal('solution') }),
  z.object({ id: z.string().regex(POLICY_ID), kind: z.literal('noop') }),
  z.object({
    id: z.string().regex(POLICY_ID),
    kind: z.literal('partial'),
    fraction: z.number().min(0).max(1),
  }),
  z.object({
    id: z.string().regex(POLICY_ID),
    kind: z.literal('chat'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    model: z.string().min(1),
  }),
]);
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

/** A policy of a compare run: its id (report rows, output files) and the factory of its episodes. */
export interface ComparePolicy {
  readonly id: string;
  readonly factory: PolicyFactory;
}

export const POLICY_VALUE_HELP =
  'solution | partial[:FRACTION] | noop | chat:URL#MODEL, optionally ID=… (repeat for each policy)';

function bad(text: string, why: string): AgentWorldError {
  return new AgentWorldError('INVALID_REQUEST', `--policy ${JSON.stringify(text)}: ${why}.`, {
    details: { policy: text, expected: POLICY_VALUE_HELP },
  });
}

/** Parses one `--policy` value. */
export function parseRosterEntry(text: string): RosterEntry {
  const named = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=([\s\S]*)$/.exec(text);
  const body = named?.[2] ?? text;
  const colon = body.indexOf(':');
  const kind = colon === -1 ? body : body.slice(0, colon);
  const argument = colon === -1 ? undefined : body.slice(colon + 1);
  const id = named?.[1];
  if (kind === 'solution' || kind === 'noop') {
    if (argument !== undefined) throw bad(text, `${kind} takes no argument`);
    return { id: id ?? kind, kind };
  }
  if (kind === 'partial') {
    const fraction = argument === undefined ? 0.5 : Number(argument);
    if (argument?.trim() === '' || !(fraction >= 0 && fraction <= 1))
      throw bad(text, 'the share of the solution partial plays is a number between 0 and 1');
    return { id: id ?? (argument === undefined ? 'partial' : `partial-${argument}`), kind, fraction };
  }
  if (kind === 'chat') {
    const hash = argument?.lastIndexOf('#') ?? -1;
    const baseUrl = argument?.slice(0, hash) ?? '';
    const model = argument?.slice(hash + 1) ?? '';
    if (argument === undefined || hash <= 0 || model === '')
      throw bad(text, 'a chat policy is chat:URL#MODEL, e.g. chat:http://127.0.0.1:8001/v1#Qwen/Qwen3-8B');
    const entry = {
      id: id ?? model.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, ''),
      kind,
      baseUrl,
      model,
    };
    const parsed = RosterEntrySchema.safeParse(entry);
    if (!parsed.success) throw bad(text, `${baseUrl} is not an http(s) URL`);
    return parsed.data;
  }
  throw bad(text, `unknown policy "${kind}"`);
}

/** Parses every `--policy` value; ids must be unique. */
export function parseRoster(texts: readonly string[]): RosterEntry[] {
  const entries = texts.map(parseRosterEntry);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id))
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `Two policies are named "${entry.id}": give one another id with ID=…, e.g. --policy b=${entry.kind}.`,
      );
    seen.add(entry.id);
  }
  return entries;
}

/**
 * Each task's known solution, found from what a policy factory is given (the episode's spec and instruction).
 * Tasks may share a world (the bundled terminal) or an instruction (one bug, two harnesses): both pick one.
 */
export function solutionLookup(tasks: readonly LoadedTask[], policyName: string): SolutionOf {
  const keyOf = (specId: string, instruction: string): string => `${specId}\n${instruction}`;
  const byKey = new Map(tasks.map((loaded) => [keyOf(loaded.spec.id, loaded.task.instruction), loaded.task]));
  return (spec, instruction) => {
    const task = byKey.get(keyOf(spec.id, instruction));
    if (task?.solution === undefined) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `--policy ${policyName}: task "${task?.id ?? instruction}" has no solution.`,
      );
    }
    return { actions: task.solution, answer: task.solutionAnswer };
  };
}

/** Settings every chat policy of a roster shares. */
export interface ChatPolicyDefaults {
  readonly apiKey?: string | undefined;
  readonly sampling?: PolicySampling | undefined;
}

/** The factory of one roster entry over a task set. */
export function policyOfEntry(
  entry: RosterEntry,
  tasks: readonly LoadedTask[],
  chat: ChatPolicyDefaults = {},
): ComparePolicy {
  switch (entry.kind) {
    case 'solution': {
      const solutionOf = solutionLookup(tasks, entry.id);
      return {
        id: entry.id,
        factory: (spec, instruction) => {
          const { actions, answer } = solutionOf(spec, instruction);
          return new SolutionPolicy(actions, answer);
        },
      };
    }
    case 'partial':
      return { id: entry.id, factory: partialPolicyFactory(solutionLookup(tasks, entry.id), entry.fraction) };
    case 'noop':
      return { id: entry.id, factory: noopPolicyFactory() };
    case 'chat':
      return {
        id: entry.id,
        factory: openAiChatPolicyFactory({
          id: entry.id,
          baseUrl: entry.baseUrl,
          model: entry.model,
          ...(chat.apiKey === undefined ? {} : { apiKey: chat.apiKey }),
          ...(chat.sampling === undefined ? {} : { sampling: chat.sampling }),
        }),
      };
  }
}
