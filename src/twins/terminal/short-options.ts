/**
 * A command's arguments split as GNU tools read short options: every letter of `-abc` is a flag, `-` alone is an
 * operand (standard input), and `--` ends the options.
 */
export function splitShortOptions(args: readonly string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg.startsWith('-') && arg !== '-')
      for (const flag of arg.slice(1)) flags.add(flag);
    else operands.push(arg);
  }
  return { flags, operands };
}
