/** The terminus dialect's part of the terminal system prompt: its action space (Terminus-2's commands). */
export const TERMINUS_ACTION_SPACE = [
  'Each action is a JSON array of commands executed in order. A command has two fields:',
  '- `keystrokes`: raw text sent to the pane. A newline (`\\n`) presses Enter and runs the line; text without a',
  '  newline is only typed at the cursor and waits there.',
  '- `duration`: seconds the agent waits before the screen is captured (default 1, at most 60).',
  'A `keystrokes` value that is exactly a tmux key name is a key press, not text: `C-c` interrupts the foreground',
  'program (SIGINT), `C-d` sends end-of-file, `C-z` suspends the foreground job, `C-l` clears the screen, and',
  '`Enter`, `Escape`, `Tab`, `Up`, `Down`, `Left`, `Right` act as those keys (Escape matters in vim).',
  'A command with empty keystrokes types nothing: the agent only waits `duration` seconds for more output.',
  'An empty array `[]` means the agent declares its task complete.',
].join('\n');
