/**
 * The swe corpus' scripted agents: small Python repositories, each with one seeded bug and a unittest that
 * shows it, worked on by an agent of each harness (mini-swe-agent, SWE-agent, Claude Code, Gemini CLI) with that
 * harness' own tools: look around, run the failing test, try a wrong edit, fix the bug, run the test again, and
 * submit the way the harness does.
 */
import { type SeededRandom, WORDS } from './random.js';
import type { CorpusScenario } from './scenario.js';

interface Bug {
  readonly kind: string;
  readonly source: (name: string) => string;
  readonly test: (name: string) => string;
  /** The buggy text and its fix (each unique in the source). */
  readonly old: string;
  readonly fixed: string;
}

function unittestFile(module: string, function_: string, assertion: string): string {
  return (
    `import unittest\n\nfrom ${module} import ${function_}\n\n\n` +
    `class ${function_.replace(/(^|_)(\w)/g, (_match, _underscore, letter: string) => letter.toUpperCase())}Test(unittest.TestCase):\n` +
    `    def test_${function_}(self):\n        ${assertion}\n\n\nif __name__ == "__main__":\n    unittest.main()\n`
  );
}

const BUGS: readonly Bug[] = [
  {
    kind: 'wrong-operator',
    source: () =>
      'def total(values):\n    result = 0\n    for value in values:\n        result -= value\n    return result\n',
    test: (name) => unittestFile(name, 'total', 'self.assertEqual(total([1, 2, 3]), 6)'),
    old: 'result -= value',
    fixed: 'result += value',
  },
  {
    kind: 'off-by-one',
    source: () => 'def last_items(items, count):\n    return items[-count - 1 :]\n',
    test: (name) => unittestFile(name, 'last_items', 'self.assertEqual(last_items([1, 2, 3, 4], 2), [3, 4])'),
    old: 'items[-count - 1 :]',
    fixed: 'items[-count:]',
  },
  {
    kind: 'wrong-method',
    source: () => 'def shout(text):\n    return text.lower() + "!"\n',
    test: (name) => unittestFile(name, 'shout', 'self.assertEqual(shout("hey"), "HEY!")'),
    old: 'text.lower()',
    fixed: 'text.upper()',
  },
  {
    kind: 'boundary',
    source: () => 'def is_adult(age):\n    return age > 18\n',
    test: (name) => unittestFile(name, 'is_adult', 'self.assertTrue(is_adult(18))'),
    old: 'age > 18',
    fixed: 'age >= 18',
  },
  {
    kind: 'wrong-default',
    source: () =>
      'def count_words(text):\n    counts = {}\n    for word in text.split():\n        counts[word] = counts.get(word, 1) + 1\n    return counts\n',
    test: (name) =>
      unittestFile(name, 'count_words', 'self.assertEqual(count_words("a b a"), {"a": 2, "b": 1})'),
    old: 'counts.get(word, 1)',
    fixed: 'counts.get(word, 0)',
  },
  {
    kind: 'missing-case',
    source: () => 'def average(values):\n    return sum(values) / len(values)\n',
    test: (name) => unittestFile(name, 'average', 'self.assertEqual(average([]), 0)'),
    old: 'return sum(values) / len(values)',
    fixed: 'return sum(values) / len(values) if values else 0',
  },
];

/** Escapes text for a basic sed regular expression (left side) or replacement (right side) in single quotes. */
function sedPattern(text: string): string {
  return text.replace(/[\\/.*[\]^$&]/g, (character) => `\\${character}`);
}

interface Repository {
  readonly module: string;
  readonly bug: Bug;
  readonly files: Record<string, string>;
}

function repository(random: SeededRandom, cwd: string, bug: Bug): Repository {
  const module = `${random.pick(WORDS)}_utils`;
  return {
    module,
    bug,
    files: {
      [`${cwd}/${module}.py`]: bug.source(module),
      [`${cwd}/test_${module}.py`]: bug.test(module),
      [`${cwd}/README.md`]: `# ${module}\n\nSmall helpers. Run the tests with \`python3 -m unittest\`.\n`,
    },
  };
}

function miniSweAgent(repo: Repository, random: SeededRandom): unknown[] {
  const file = `${repo.module}.py`;
  const test = `python3 -m unittest test_${repo.module} 2>&1 | tail -n 4`;
  return [
    `THOUGHT: I start by looking at the repository.\n\n\`\`\`mswea_bash_command\nls -la && git log --oneline | head -n 3\n\`\`\``,
    `cat ${file}`,
    test,
    `grep -rn "${repo.bug.old.split(' ')[0]}" --include=*.py .`,
    ...(random.next() < 0.5 ? [`cat ${repo.module}_old.py`] : []),
    `sed -i 's/${sedPattern(repo.bug.old)}/${sedPattern(repo.bug.fixed)}/' ${file} && git diff`,
    test,
    'echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff',
  ];
}

function sweAgent(repo: Repository, random: SeededRandom, cwd: string): unknown[] {
  const path = `${cwd}/${repo.module}.py`;
  const editor = (arguments_: Record<string, unknown>) => ({
    name: 'str_replace_editor',
    arguments: arguments_,
  });
  const bash = (command: string) => ({ name: 'bash', arguments: { command } });
  return [
    editor({ command: 'view', path: cwd }),
    editor({ command: 'view', path }),
    bash(`cd ${cwd} && python3 -m unittest test_${repo.module} 2>&1 | tail -n 4`),
    ...(random.next() < 0.6
      ? [editor({ command: 'str_replace', path, old_str: `${repo.bug.old}  `, new_str: repo.bug.fixed })]
      : []),
    editor({ command: 'str_replace', path, old_str: repo.bug.old, new_str: repo.bug.fixed }),
    ...(random.next() < 0.4
      ? [
          editor({
            command: 'create',
            path: `${cwd}/NOTES.md`,
            file_text: `Fixed ${repo.bug.kind} in ${repo.module}.\n`,
          }),
        ]
      : []),
    bash(`cd ${cwd} && python3 -m unittest test_${repo.module} 2>&1 | tail -n 4`),
    { name: 'submit', arguments: {} },
    { name: 'submit', arguments: {} },
  ];
}

function claudeCode(repo: Repository, random: SeededRandom, cwd: string): unknown[] {
  const path = `${cwd}/${repo.module}.py`;
  const call = (name: string, arguments_: Record<string, unknown>) => ({
    name,
    arguments: JSON.stringify(arguments_),
  });
  return [
    call('Bash', { command: 'git status --short && ls' }),
    call('Read', { file_path: path }),
    call('Bash', { command: `python3 -m unittest test_${repo.module} 2>&1 | tail -n 4` }),
    ...(random.next() < 0.5 ? [call('Read', { file_path: `${cwd}/${repo.module}_missing.py` })] : []),
    call('Edit', { file_path: path, old_string: repo.bug.old, new_string: repo.bug.fixed }),
    call('Read', { file_path: path }),
    call('Bash', { command: `python3 -m unittest test_${repo.module} 2>&1 | tail -n 4` }),
    ...(random.next() < 0.5
      ? [
          call('Write', {
            file_path: `${cwd}/CHANGELOG.md`,
            content: `- Fix ${repo.bug.kind} in ${repo.module}.\n`,
          }),
        ]
      : []),
    call('Bash', { command: 'git diff --stat' }),
  ];
}

function geminiCli(repo: Repository, random: SeededRandom, cwd: string): unknown[] {
  const path = `${cwd}/${repo.module}.py`;
  const call = (name: string, arguments_: Record<string, unknown>) => ({
    name,
    arguments: JSON.stringify(arguments_),
  });
  return [
    call('run_shell_command', { command: 'ls -a && git log --oneline | head -n 3' }),
    call('read_file', { file_path: path }),
    call('run_shell_command', { command: `python3 -m unittest test_${repo.module} 2>&1 | tail -n 4` }),
    ...(random.next() < 0.5
      ? [
          call('replace', {
            file_path: path,
            instruction: `Fix the ${repo.bug.kind} bug in ${repo.module}.py.`,
            old_string: `${repo.bug.old} # missing`,
            new_string: repo.bug.fixed,
          }),
        ]
      : []),
    call('replace', {
      file_path: path,
      instruction: `Fix the ${repo.bug.kind} bug in ${repo.module}.py so that its test passes.`,
      old_string: repo.bug.old,
      new_string: repo.bug.fixed,
    }),
    call('run_shell_command', { command: `python3 -m unittest test_${repo.module} 2>&1 | tail -n 4` }),
    ...(random.next() < 0.5
      ? [call('write_file', { file_path: `${cwd}/NOTES.md`, content: `Fixed ${repo.bug.kind}.\n` })]
      : []),
    call('run_shell_command', { command: 'git diff' }),
  ];
}

export const SWE_DIALECT_AGENTS = {
  'mini-swe-agent': (repo: Repository, random: SeededRandom, _cwd: string) => miniSweAgent(repo, random),
  'swe-agent': sweAgent,
  'claude-code': claudeCode,
  'gemini-cli': geminiCli,
} as const;

export type SweCorpusDialect = keyof typeof SWE_DIALECT_AGENTS;

export interface SweScenario extends CorpusScenario {
  readonly dialect: SweCorpusDialect;
  readonly files: Record<string, string>;
}

/** `perDialect` sessions for each harness, the bug kinds taken in turn. */
export function sweScenarios(
  perDialect: number,
  cwdOf: (dialect: SweCorpusDialect) => string,
  random: (name: string) => SeededRandom,
): SweScenario[] {
  const scenarios: SweScenario[] = [];
  for (const dialect of Object.keys(SWE_DIALECT_AGENTS) as SweCorpusDialect[]) {
    for (let index = 0; index < perDialect; index++) {
      const bug = BUGS[index % BUGS.length] as Bug;
      const seeded = random(`swe/${dialect}/${index}`);
      const cwd = cwdOf(dialect);
      const repo = repository(seeded, cwd, bug);
      scenarios.push({
        id: `swe-${dialect}-${bug.kind}-${index + 1}`,
        family: bug.kind,
        dialect,
        task: `The test in test_${repo.module}.py fails; find the bug in ${repo.module}.py and fix it.`,
        files: repo.files,
        actions: SWE_DIALECT_AGENTS[dialect](repo, seeded, cwd),
      });
    }
  }
  return scenarios;
}
