/**
 * The judge prompts of a run: built in (ours), or loaded from a directory laid out like the official repository
 * (`<domain>/judge_system_prompt.txt`, plus an optional `judge_user_prompt.txt` template at its root). Each
 * prompt's sha256 goes into the run manifest, so a run judged with other prompts is never merged.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AgentWorldError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { DOMAIN_IDS } from '../../core/world-spec.js';
import { BUILTIN_JUDGE_SYSTEM_PROMPTS, BUILTIN_JUDGE_USER_TEMPLATE } from './prompts/index.js';

export const JUDGE_SYSTEM_PROMPT_FILE = 'judge_system_prompt.txt';
export const JUDGE_USER_TEMPLATE_FILE = 'judge_user_prompt.txt';
const REQUIRED_PLACEHOLDERS = ['{predicted_observation}', '{ground_truth}'] as const;

export interface JudgePromptSet {
  /** `builtin`, or the absolute directory the prompts came from. */
  readonly source: string;
  readonly userTemplate: string;
  /** sha256 of each domain's system prompt, and of the user template under `user`. */
  readonly hashes: Readonly<Record<string, string>>;
  /** The domain's system prompt; empty for a domain without one (as the reference does). */
  systemPrompt(domain: string): string;
}

function promptSet(source: string, system: Record<string, string>, userTemplate: string): JudgePromptSet {
  const hashes: Record<string, string> = {};
  for (const [domain, prompt] of Object.entries(system)) hashes[domain] = sha256(prompt);
  hashes.user = sha256(userTemplate);
  return { source, userTemplate, hashes, systemPrompt: (domain) => system[domain] ?? '' };
}

export function builtinJudgePrompts(): JudgePromptSet {
  return promptSet('builtin', { ...BUILTIN_JUDGE_SYSTEM_PROMPTS }, BUILTIN_JUDGE_USER_TEMPLATE);
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') return undefined;
    throw new AgentWorldError('CONFIG_INVALID', `Could not read ${path}: ${String(error)}`, { cause: error });
  }
}

/**
 * Loads `<dir>/<domain>/judge_system_prompt.txt` for the seven domains and any other domain the rows name, and
 * `<dir>/judge_user_prompt.txt` when present (else the built-in template). A domain the rows need without a
 * prompt file, or a user template without the prediction and ground-truth placeholders, is refused.
 */
export async function loadJudgePrompts(
  directory: string,
  neededDomains: readonly string[],
): Promise<JudgePromptSet> {
  const root = resolve(directory);
  const domains = [...new Set([...DOMAIN_IDS, ...neededDomains])];
  const system: Record<string, string> = {};
  for (const domain of domains) {
    const text = await readOptional(join(root, domain, JUDGE_SYSTEM_PROMPT_FILE));
    if (text !== undefined) system[domain] = text;
  }
  const missing = neededDomains.filter((domain) => system[domain] === undefined);
  if (missing.length > 0) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `--judge-prompts ${directory}: no ${JUDGE_SYSTEM_PROMPT_FILE} for ${missing.map((domain) => `${domain} (${join(root, domain, JUDGE_SYSTEM_PROMPT_FILE)})`).join(', ')}`,
      { details: { directory: root, missing } },
    );
  }
  const template = await readOptional(join(root, JUDGE_USER_TEMPLATE_FILE));
  if (template !== undefined) {
    const absent = REQUIRED_PLACEHOLDERS.filter((placeholder) => !template.includes(placeholder));
    if (absent.length > 0) {
      throw new AgentWorldError(
        'CONFIG_INVALID',
        `${join(root, JUDGE_USER_TEMPLATE_FILE)} lacks ${absent.join(' and ')}; a judge user template fills {context}, {world_model_input}, {predicted_observation} and {ground_truth}.`,
      );
    }
  }
  return promptSet(root, system, template ?? BUILTIN_JUDGE_USER_TEMPLATE);
}
