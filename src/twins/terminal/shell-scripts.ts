/**
 * Scripts the twin runs (`./run.sh`, `bash run.sh`): a bash script whose text it knows is answered when every
 * line of it is one the twin would answer typed at the prompt (functions it defines count as programs; `set -e`
 * and `exit N` end only the script). A script that names itself (`$0`: how the virtual shell spells it is not
 * verified), runs `ls` (its columns depend on where its output goes) or spans lines with one command is declined.
 */
import { declineReason } from './classify-line.js';
import { FUNCTION_HEAD } from './shell-keywords.js';

const BASH_SHEBANGS = new Set(['#!/bin/bash', '#!/usr/bin/bash', '#!/usr/bin/env bash']);

/** `set -e`, `set -eu`, `exit`, `exit 2`: builtins a script may use. */
export function scriptBuiltin(words: readonly string[]): boolean {
  const [name, ...args] = words;
  if (name === 'set') return args.length > 0 && args.every((arg) => /^-[eu]+$/.test(arg));
  if (name === 'exit') return args.length === 0 || (args.length === 1 && /^\d+$/.test(args[0] ?? ''));
  return false;
}

/** Why the twin declines running `text` as a bash script, or undefined. */
export function scriptDeclineReason(
  text: string,
  lookup: (name: string) => string | undefined,
  home: string,
): string | undefined {
  const [first, ...lines] = text.split('\n');
  if (!BASH_SHEBANGS.has((first ?? '').trim())) return 'not a bash script (#! line)';
  if (/\$\{?0|BASH_SOURCE|\bls\b/.test(text)) return 'a script that names itself or runs ls';
  const functions = new Set<string>();
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const head = FUNCTION_HEAD.exec(trimmed.split(/\s+/)[0] ?? '');
    if (head?.[1] !== undefined) functions.add(head[1]);
    // A script's own variables and arguments are its own: none comes from a model-answered turn.
    const reason = declineReason(trimmed, lookup, home, false, { functions, inScript: true });
    if (reason !== undefined) return reason;
  }
  return undefined;
}
