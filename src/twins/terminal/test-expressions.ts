/**
 * Which `[ … ]` / `test …` expressions the twin answers. just-bash returns status 2 without bash's message for a
 * malformed expression (`[ adam = ]` → `bash: [: adam: unary operator expected`), so the twin answers only the
 * shapes it reproduces: up to three arguments with a verified operator, integer operands where bash wants them.
 */

export interface TestWord {
  readonly text: string;
  readonly raw: string;
  readonly unresolved: boolean;
}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h']);
const STRING_BINARY = new Set(['=', '==', '!=']);
const INTEGER_BINARY = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const INTEGER = /^-?\d+$/;

/** One argument after expansion: a resolved word, or an expansion quoted whole (it cannot split or vanish). */
function singleArgument(word: TestWord): boolean {
  return !word.unresolved || /^"[^"]*"$/.test(word.raw);
}

function twoArguments([first]: readonly TestWord[]): boolean {
  return first !== undefined && !first.unresolved && (first.text === '!' || UNARY.has(first.text));
}

function threeArguments([left, operator, right]: readonly TestWord[]): boolean {
  if (left === undefined || operator === undefined || right === undefined || operator.unresolved)
    return false;
  if (STRING_BINARY.has(operator.text)) return true;
  if (INTEGER_BINARY.has(operator.text)) {
    return [left, right].every((word) => !word.unresolved && INTEGER.test(word.text));
  }
  return !left.unresolved && left.text === '!' && twoArguments([operator, right]);
}

/** The reason the twin declines the test command `name args`, or undefined when it answers it. */
export function testExpressionProblem(name: string, args: readonly TestWord[]): string | undefined {
  if (name !== '[' && name !== 'test') return undefined;
  let operands = args;
  if (name === '[') {
    if (args.at(-1)?.text !== ']' || args.at(-1)?.unresolved) return "test expression without a closing ']'";
    operands = args.slice(0, -1);
  }
  if (!operands.every(singleArgument)) return 'test expression with an unquoted expansion';
  const wellFormed =
    operands.length <= 1 ||
    (operands.length === 2 && twoArguments(operands)) ||
    (operands.length === 3 && threeArguments(operands));
  return wellFormed
    ? undefined
    : `test expression not verified: ${name} ${operands.map((word) => word.text).join(' ')}`;
}
