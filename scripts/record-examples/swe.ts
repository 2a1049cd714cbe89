/**
 * Records the swe example sessions in a real git repository: `node --import tsx scripts/record-examples/swe.ts`.
 * Each dialect's scenario runs through the real Session with the `real-swe` engine (src/engines/real/swe: a git
 * repository in a bubblewrap sandbox, mounted at the spec's working directory). Writes
 * examples/sessions/swe.jsonl (overwritten each run) and exits non-zero if any check fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import { RealSweEngine } from '../../src/engines/real/swe/index.js';
import { createEnv, parseWorldSpec } from '../../src/session/create-env.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outputPath = join(root, 'examples', 'sessions', 'swe.jsonl');
const FIX = { old: 'return a - b', new: 'return a + b' };

const SCENARIOS: Record<string, { readonly actions: readonly unknown[]; readonly rendering: string }> = {
  'mini-swe-agent': {
    rendering:
      'as mini-swe-agent v2 runs commands (bash -c in the repository, stdout and stderr together) and renders its observation template',
    actions: [
      'THOUGHT: look at the code first.\n\n```mswea_bash_command\ncat calc.py\n```',
      "python3 -c 'from calc import add; print(add(2, 3))'",
      `sed -i 's/${FIX.old}/${FIX.new}/' calc.py && git diff`,
      'cat calc.py',
      'python3 -c \'from calc import add; assert add(2, 3) == 5; print("ok")\'',
      'echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff',
    ],
  },
  'swe-agent': {
    rendering: "as SWE-agent's bash, str_replace_editor and review-on-submit tools answer",
    actions: [
      { name: 'str_replace_editor', arguments: { command: 'view', path: '/testbed/calc.py' } },
      {
        name: 'str_replace_editor',
        arguments: { command: 'str_replace', path: '/testbed/calc.py', old_str: 'a * b', new_str: 'a + b' },
      },
      {
        name: 'str_replace_editor',
        arguments: { command: 'str_replace', path: '/testbed/calc.py', old_str: FIX.old, new_str: FIX.new },
      },
      {
        name: 'bash',
        arguments: { command: "cd /testbed && python3 -c 'from calc import add; print(add(2, 3))'" },
      },
      { name: 'str_replace_editor', arguments: { command: 'view', path: '/testbed/calc.py' } },
      { name: 'submit', arguments: {} },
    ],
  },
  'claude-code': {
    rendering:
      "the real effects rendered in Claude Code's result formats by the recorder (not Claude Code itself)",
    actions: [
      { name: 'Read', arguments: '{"file_path":"/home/dev/calc/calc.py"}' },
      {
        name: 'Edit',
        arguments: JSON.stringify({
          file_path: '/home/dev/calc/calc.py',
          old_string: FIX.old,
          new_string: FIX.new,
        }),
      },
      { name: 'Read', arguments: '{"file_path":"/home/dev/calc/calc.py"}' },
      {
        name: 'Write',
        arguments: JSON.stringify({
          file_path: '/home/dev/calc/NOTES.md',
          content: '# Notes\n\nadd() fixed.\n',
        }),
      },
      { name: 'Bash', arguments: '{"command":"git status --short"}' },
    ],
  },
  'gemini-cli': {
    rendering:
      "the real effects rendered in Gemini CLI's result formats by the recorder (not Gemini CLI itself)",
    actions: [
      { name: 'read_file', arguments: '{"file_path":"/home/dev/calc/calc.py"}' },
      {
        name: 'replace',
        arguments: JSON.stringify({
          file_path: '/home/dev/calc/calc.py',
          instruction: 'Make add() return the sum of its arguments instead of their difference.',
          old_string: FIX.old,
          new_string: FIX.new,
        }),
      },
      { name: 'run_shell_command', arguments: '{"command":"cat calc.py"}' },
      { name: 'run_shell_command', arguments: '{"command":"git diff --stat"}' },
    ],
  },
};

async function main(): Promise<void> {
  const records: SessionRecord[] = [];
  const failures: string[] = [];
  const git =
    /git version (\S+)/.exec(execFileSync('git', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  for (const [dialect, scenario] of Object.entries(SCENARIOS)) {
    const spec = parseWorldSpec(
      JSON.parse(readFileSync(join(root, 'examples', `swe-${dialect}.json`), 'utf8')),
    );
    const engine = new RealSweEngine();
    try {
      const session = await createEnv(spec, { engine, id: `${spec.id}-real` });
      await session.reset({ seed: spec.seed ?? 0 });
      for (const action of scenario.actions) {
        const result = await session.step(action);
        for (const check of result.info.turn.checks) {
          if (check.status === 'fail')
            failures.push(`${dialect} turn ${result.info.turn.index}: ${check.id}: ${check.message ?? ''}`);
        }
        if (result.terminated) break;
      }
      await session.close();
      records.push(
        SessionRecordSchema.parse(
          session.toRecord({
            recordedWith: 'real-swe',
            dialect,
            executor: `a git ${git} repository in a bubblewrap sandbox (no network), mounted at the spec's working folder`,
            rendering: scenario.rendering,
            generator: 'scripts/record-examples/swe.ts',
          }),
        ),
      );
      process.stdout.write(`recorded ${dialect}: ${session.turns.length} turns\n`);
    } finally {
      await engine.close();
    }
  }
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  process.stdout.write(`wrote ${records.length} sessions to ${outputPath}\n`);
  if (failures.length > 0) {
    process.stderr.write(`failed checks:\n${failures.join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
