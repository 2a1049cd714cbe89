import type { SweDialect } from '../dialects/index.js';

/** How the harness shows a command's exit status, in words for an instruction. */
export function exitStatusNote(dialect: SweDialect, code: number): string {
  switch (dialect) {
    case 'mini-swe-agent':
      return `the answer reads <returncode>${code}</returncode> with the report inside <output>`;
    case 'gemini-cli':
      return `the envelope shows the report under Output: and "Exit Code: ${code}"`;
    case 'claude-code':
      return code === 0
        ? 'the result is the raw output'
        : `the result starts with the line "Exit code ${code}", then the output`;
    case 'swe-agent':
      return `the command exits with status ${code}`;
  }
}
