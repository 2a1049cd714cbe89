/** The keystrokes the benchmarks' scripted agents type, in turn (the same mix for every benchmark). */
export const BENCH_AGENT_COMMANDS: readonly string[] = [
  'ls\n',
  'cd notes\n',
  'cat words.txt\n',
  'grep -n a words.txt\n',
  'wc -l words.txt\n',
  'cd ..\n',
  'echo $HOME\n',
  'python3 -c "print(6*7)"\n',
];
