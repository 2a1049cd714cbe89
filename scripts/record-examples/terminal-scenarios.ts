/**
 * The scripted agent actions of the recorded terminal examples. Every command is deterministic on any Linux
 * machine with bash and python3 (no clocks, sizes, dates or user names in the output).
 */
export interface TerminalScenario {
  readonly id: string;
  readonly title: string;
  readonly actions: readonly unknown[];
}

export const TERMINAL_SCENARIOS: readonly TerminalScenario[] = [
  {
    id: 'files-and-search',
    title: 'Create a folder of notes, inspect it with cat, ls, grep and wc, clean up, then finish',
    actions: [
      [{ keystrokes: 'mkdir -p notes/drafts && cd notes\n', duration: 0.5 }],
      [
        { keystrokes: "printf 'alpha\\nbeta\\ngamma\\n' > words.txt\n", duration: 0.5 },
        { keystrokes: 'echo delta >> words.txt\n', duration: 0.5 },
      ],
      [{ keystrokes: 'cat words.txt\n', duration: 0.5 }],
      [
        { keystrokes: 'touch drafts/todo.md\n', duration: 0.3 },
        { keystrokes: 'ls -R\n', duration: 0.5 },
      ],
      [
        { keystrokes: 'grep -n a words.txt\n', duration: 0.5 },
        { keystrokes: 'wc -l words.txt\n', duration: 0.5 },
      ],
      [{ keystrokes: 'rm drafts/todo.md && cd ..\n', duration: 0.5 }],
      [],
    ],
  },
  {
    id: 'errors-and-environment',
    title: 'Failing commands, an exported variable, a Python one-liner and a wait turn',
    actions: [
      [{ keystrokes: 'frobnicate --version\n', duration: 0.5 }],
      [{ keystrokes: 'cat missing.txt\n', duration: 0.5 }],
      [{ keystrokes: 'cd nowhere\n', duration: 0.5 }],
      [
        { keystrokes: 'export GREETING=hello\n', duration: 0.2 },
        { keystrokes: 'echo "$GREETING, world"\n', duration: 0.2 },
      ],
      [{ keystrokes: "python3 -c 'print(sum(range(10)))'\n", duration: 1 }],
      [{ keystrokes: '', duration: 0.5 }],
      { analysis: 'Everything I needed is checked.', plan: 'Finish.', commands: [], task_complete: true },
    ],
  },
  {
    id: 'directories-and-keys',
    title: 'The home directory as ~, cd -, text typed without Enter, C-c and output without a final newline',
    actions: [
      [{ keystrokes: 'cd ~\n', duration: 0.2 }],
      [
        { keystrokes: 'pwd\n', duration: 0.2 },
        { keystrokes: 'cd -\n', duration: 0.2 },
      ],
      [{ keystrokes: 'echo typed-but-not-run', duration: 0.2 }],
      [{ keystrokes: 'C-c', duration: 0.2 }],
      [{ keystrokes: "printf 'no newline at the end'\n", duration: 0.2 }],
      [{ keystrokes: 'ls -a\n', duration: 0.2 }],
      [],
    ],
  },
];

/**
 * The worked example written into the spec's `demonstrations` (recorded from the real bash too, so the world
 * model is shown real screens): a short session of writing, listing and reading files and one error.
 */
export const TERMINAL_DEMONSTRATION: TerminalScenario = {
  id: 'demonstration',
  title: 'Writing and reading a file, and a missing one',
  actions: [
    [{ keystrokes: 'mkdir -p demo && cd demo\n', duration: 0.5 }],
    [{ keystrokes: "printf 'first line\\nsecond line\\n' > notes.txt\n", duration: 0.5 }],
    [{ keystrokes: 'ls\n', duration: 0.3 }],
    [{ keystrokes: 'cat notes.txt missing.txt\n', duration: 0.3 }],
    [{ keystrokes: 'cd .. && rm -r demo\n', duration: 0.3 }],
  ],
};
