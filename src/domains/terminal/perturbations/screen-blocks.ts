import type { WorldSpec } from '../../../core/world-spec.js';
import { isSessionPrompt, parsePromptLine, parseTrailingPrompt } from '../prompt-line.js';
import { resolveTerminalSetup, type TerminalSetup } from '../setup.js';

/** One prompt line of a screen and the output lines printed under it. */
export interface ScreenBlock {
  /** The prompt text before the typed command (`root@box:/workspace# `). */
  readonly prompt: string;
  /** What was typed after the prompt; empty for a bare prompt. */
  readonly command: string;
  /** The directory the prompt shows, when it shows a full one. */
  readonly cwd: string | undefined;
  readonly output: readonly string[];
}

/** A terminal screen cut at its prompts: lines before the first prompt, then one block per prompt. */
export interface ScreenLayout {
  readonly leading: readonly string[];
  readonly blocks: readonly ScreenBlock[];
}

/** The terminal setup of a spec; the defaults when the spec's terminal data is unusable. */
export function setupOf(spec: WorldSpec): TerminalSetup {
  try {
    return resolveTerminalSetup(spec);
  } catch {
    return {
      cwd: '/',
      user: 'root',
      host: 'localhost',
      home: '/root',
      promptTemplate: '{user}@{host}:{cwd}{symbol} ',
      symbol: '#',
      initialScreen: '',
    };
  }
}

/** Cuts a screen at the session's prompts (a prompt of another user or host counts as output). */
export function layoutOf(screen: string, setup: TerminalSetup): ScreenLayout {
  const leading: string[] = [];
  const blocks: { prompt: string; command: string; cwd: string | undefined; output: string[] }[] = [];
  for (const line of screen.split('\n')) {
    const prompt = parsePromptLine(line, setup);
    if (prompt !== undefined && isSessionPrompt(prompt, setup)) {
      blocks.push({
        prompt: line.slice(0, line.length - prompt.command.length),
        command: prompt.command,
        cwd: prompt.cwd,
        output: [],
      });
      continue;
    }
    const last = blocks[blocks.length - 1];
    if (last === undefined) leading.push(line);
    else last.output.push(line);
  }
  return { leading, blocks };
}

/** The screen text of a layout (the inverse of `layoutOf`). */
export function screenOf(layout: ScreenLayout): string {
  const lines = [...layout.leading];
  for (const block of layout.blocks) lines.push(`${block.prompt}${block.command}`, ...block.output);
  return lines.join('\n');
}

/** Whether the screen ends at a prompt of the session's shell (so no command is still running). */
export function endsAtPrompt(screen: string, setup: TerminalSetup): boolean {
  const lines = screen.split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  const last = lines[lines.length - 1];
  if (last === undefined) return false;
  const prompt = parseTrailingPrompt(last, setup);
  return prompt !== undefined && isSessionPrompt(prompt, setup) && prompt.command.trim() === '';
}

/** The prompt for a directory in the session's template, reusing a prompt seen on screen when possible. */
export function promptFor(layout: ScreenLayout, setup: TerminalSetup): string {
  const last = layout.blocks[layout.blocks.length - 1];
  if (last !== undefined) return last.prompt;
  return setup.initialScreen.split('\n').pop() ?? '$ ';
}

/** What a perturbation does to one command line: its new output, and whether a `cd` on it was skipped. */
export interface LineRewrite {
  /** `replace`: the output becomes `lines`; `append`: `lines` come after the output the line printed. */
  readonly mode: 'replace' | 'append';
  readonly lines: readonly string[];
  /** A `cd` on the line failed or did not run: later prompts keep this block's directory. */
  readonly cdSkipped: boolean;
  /**
   * How many lines at the end of the real output belong to the line's later commands (`echo status $?` after
   * the failing one): they are taken off before `mode` applies, and `after` is printed in their place.
   */
  readonly tailLines?: number;
  /** What the line's later commands print after the failure, after `lines` (see `failCommandLine`). */
  readonly after?: readonly string[];
  /** The line's exit status as rendered, when its later commands' effect was worked out. */
  readonly status?: number;
}

/**
 * The blocks that show the lines this action submitted: matched from the end of the screen backwards, since
 * a pane may still show earlier turns above them. Returns block indices, in screen order.
 */
export function submittedBlocks(layout: ScreenLayout, submitted: readonly string[]): number[] {
  const found: number[] = [];
  let line = submitted.length - 1;
  for (let index = layout.blocks.length - 1; index >= 0 && line >= 0; index--) {
    const command = (layout.blocks[index] as ScreenBlock).command.trim();
    if (command === '') continue;
    if (command !== (submitted[line] as string).trim()) break;
    found.unshift(index);
    line -= 1;
  }
  return found;
}

/**
 * Rewrites the output of every block that shows a line the action submitted and that `rewrite` affects. A
 * block with nothing after it (its command had not finished) gets a fresh prompt after its new output, since
 * the command failed. Returns undefined when no such block is affected.
 */
export function rewriteBlocks(
  screen: string,
  setup: TerminalSetup,
  submitted: readonly string[],
  rewrite: (command: string, block: ScreenBlock) => LineRewrite | undefined,
): string | undefined {
  const layout = layoutOf(screen, setup);
  const blocks = layout.blocks.map((block) => ({ ...block, output: [...block.output] }));
  const eligible = submittedBlocks(layout, submitted);
  let changed = false;
  for (const index of eligible) {
    const block = blocks[index] as (typeof blocks)[number];
    const result = rewrite(block.command, block);
    if (result === undefined) continue;
    changed = true;
    const own = block.output.slice(0, block.output.length - (result.tailLines ?? 0));
    block.output = [
      ...(result.mode === 'append' ? [...own, ...result.lines] : result.lines),
      ...(result.after ?? []),
    ];
    if (index === blocks.length - 1) {
      blocks.push({ prompt: block.prompt, command: '', cwd: block.cwd, output: [] });
    }
    const laterCd = blocks.slice(index + 1).some((later) => /(^|[\s;&|(])cd(\s|$)/.test(later.command));
    if (result.cdSkipped && !laterCd) {
      for (const later of blocks.slice(index + 1)) later.prompt = block.prompt;
    }
  }
  return changed ? screenOf({ leading: layout.leading, blocks }) : undefined;
}

/**
 * Puts lines before the screen's final prompt (or at its end when it has none): the rendering used when the
 * command a perturbation targets is not on the screen (scrolled away, or the screen has another shape).
 */
export function insertBeforeFinalPrompt(
  screen: string,
  setup: TerminalSetup,
  lines: readonly string[],
): string {
  const layout = layoutOf(screen, setup);
  const last = layout.blocks[layout.blocks.length - 1];
  if (last === undefined || last.command.trim() !== '' || last.output.some((line) => line.trim() !== '')) {
    const prompt = promptFor(layout, setup);
    const body = screen.replace(/\n+$/, '');
    return `${body}${body === '' ? '' : '\n'}${lines.join('\n')}\n${prompt}`;
  }
  const before = layout.blocks.slice(0, -1);
  const previous = before[before.length - 1];
  const blocks = [
    ...before.slice(0, -1),
    ...(previous === undefined ? [] : [{ ...previous, output: [...previous.output, ...lines] }]),
    last,
  ];
  const leading = previous === undefined ? [...layout.leading, ...lines] : layout.leading;
  return screenOf({ leading, blocks });
}
