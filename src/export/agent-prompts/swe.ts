/**
 * The swe harnesses from their policy's side. Every one calls tools (the function-calling layout of
 * tools.ts, with the dialect's own tools); the openings follow each harness's documented structure in our own
 * words:
 * - mini-swe-agent: a one-line system template and the instance template (the task, a recommended workflow,
 *   the command rules, the submission command), after SWE-agent/mini-swe-agent a83fcae8
 *   `src/minisweagent/config/default.yaml` (`system_template`, `instance_template`);
 * - SWE-agent: a one-line system template and the instance template (`<uploaded_files>` with the working
 *   folder, the issue inside `<pr_description>`, then numbered steps), after SWE-agent/SWE-agent 3ea751c0
 *   `config/default.yaml`; its observations keep the `OBSERVATION:` wrapper (`presentSweObservation`);
 * - Claude Code and Gemini CLI (closed or very long prompts): a short coding-agent instruction with an
 *   environment block (working folder, git, platform), then the task.
 */
import type { SessionRecord } from '../../core/turn.js';
import {
  presentSweObservation,
  readSweInitialData,
  type SweDialect,
  sweDialectOf,
  sweTools,
} from '../../domains/swe/index.js';
import { functionCallingHarness, toolsSystemPrompt } from './tools.js';
import { type AgentHarness, taskText } from './types.js';

function miniSweAgentOpening(task: string, cwd: string): { system: string; user: string } {
  return {
    system: 'You are a helpful assistant that works on a computer through a bash tool.',
    user: [
      `Please solve this issue: ${task}`,
      '',
      `You work in the repository at ${cwd}: run bash commands to read the code, change files and check your changes.`,
      '',
      '## Recommended workflow',
      '1. Look around: find and read the code the issue is about.',
      '2. Write a small script that shows the problem, and run it.',
      '3. Change the source code to fix the problem.',
      '4. Run your script again to see that the fix works, and think about edge cases.',
      '5. Submit (below).',
      '',
      '## Rules',
      '- Call the bash tool with exactly one command per reply (join steps with && or || when needed).',
      `- Each command runs in a fresh subshell started in ${cwd}: a cd or an exported variable does not last to the`,
      '  next command, so prefix commands with cd when you need another folder.',
      '- Commands must finish on their own: no editors, pagers or other interactive programs. Edit files with',
      "  sed or by writing them with cat <<'EOF'.",
      '',
      '## Submission',
      'When the fix is done, run this command on its own; nothing can be changed after it:',
      'echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git add -A && git diff --cached',
    ].join('\n'),
  };
}

function sweAgentOpening(task: string, cwd: string): { system: string; user: string } {
  return {
    system: 'You are a helpful assistant that solves tasks on a computer through the tools you are given.',
    user: [
      '<uploaded_files>',
      cwd,
      '</uploaded_files>',
      `A Python code repository has been uploaded to ${cwd}. Here is the description of a change it needs:`,
      '',
      '<pr_description>',
      task,
      '</pr_description>',
      '',
      `Please make the smallest changes to the non-test files in ${cwd} that satisfy the description. The tests`,
      'are taken care of: do not modify any test file.',
      'Steps to follow:',
      '1. Find and read the code that matters for the description.',
      '2. Write a script that reproduces the problem and run it with the bash tool (`python <file.py>`).',
      '3. Edit the source code to fix it.',
      '4. Run the script again to confirm the fix.',
      '5. Think about edge cases and check that your fix handles them.',
      'When you are done, call submit.',
    ].join('\n'),
  };
}

function codingCliOpening(product: string, task: string, cwd: string): { intro: string; user: string } {
  return {
    intro: [
      `You are ${product}, a command-line coding agent working in the user's repository. Use the tools to read,`,
      'change and run the code; make the change the user asks for, keep it small, and check it by running the',
      'tests. Answer briefly.',
      '',
      '<env>',
      `Working directory: ${cwd}`,
      'Is directory a git repo: Yes',
      'Platform: linux',
      '</env>',
    ].join('\n'),
    user: task,
  };
}

const PRODUCT: Readonly<Record<'claude-code' | 'gemini-cli', string>> = {
  'claude-code': 'Claude Code',
  'gemini-cli': 'Gemini CLI',
};

/** The swe dialect's harness, its tools the spec's own or the dialect's built-in set. */
export function sweHarness(record: SessionRecord): AgentHarness {
  const dialect: SweDialect = sweDialectOf(record.spec);
  const { cwd } = readSweInitialData(record.spec);
  const task = taskText(record);
  const tools = sweTools(record.spec);
  if (dialect === 'mini-swe-agent' || dialect === 'swe-agent') {
    const opening =
      dialect === 'mini-swe-agent' ? miniSweAgentOpening(task, cwd) : sweAgentOpening(task, cwd);
    return functionCallingHarness({
      name: `${dialect} (function calling)`,
      system: toolsSystemPrompt(opening.system, tools),
      user: opening.user,
      present: (turn) => presentSweObservation(dialect, turn.observation),
    });
  }
  const opening = codingCliOpening(PRODUCT[dialect], task, cwd);
  return functionCallingHarness({
    name: `${dialect} (function calling)`,
    system: toolsSystemPrompt(opening.intro, tools),
    user: opening.user,
  });
}
