/**
 * Runs a command line one pipeline at a time (honouring `;`, `&&` and `||`), so that a line whose commands print to
 * stdout and stderr in turn (`ls nope; echo done`) shows each command's output in the order bash prints it.
 */
import { parse, serialize } from 'just-bash';
import { type LineContext, type LineOutcome, type LineWorld, runLine } from './run-line.js';

type ScriptNode = ReturnType<typeof parse>;
type StatementNode = ScriptNode['statements'][number];
type PipelineNode = StatementNode['pipelines'][number];

/** The pipelines of a one-line script with the operator before each, or undefined when it cannot be split. */
export function pipelinesOf(script: string): Array<{ text: string; operator: string }> | undefined {
  if (script.includes('\n')) return undefined;
  let ast: ScriptNode;
  try {
    ast = parse(script);
  } catch {
    return undefined;
  }
  const pieces: Array<{ text: string; operator: string }> = [];
  for (const statement of ast.statements) {
    if (statement.background) return undefined;
    statement.pipelines.forEach((pipeline: PipelineNode, index: number) => {
      const single = {
        type: 'Script',
        statements: [{ ...statement, pipelines: [pipeline], operators: [], sourceText: undefined }],
      } as unknown as ScriptNode;
      pieces.push({
        text: serialize(single),
        operator: index === 0 ? ';' : (statement.operators[index - 1] ?? ';'),
      });
    });
  }
  return pieces;
}

export async function runStatements(
  script: string,
  world: LineWorld,
  context: LineContext,
): Promise<LineOutcome> {
  const whole = await runLine(script, world, context);
  if (whole.kind === 'ran' || !whole.reason.startsWith('stdout and stderr')) return whole;
  const pieces = pipelinesOf(script);
  if (pieces === undefined || pieces.length < 2) return whole;
  let current = world;
  let output = '';
  for (const piece of pieces) {
    const status = current.status ?? 0;
    if ((piece.operator === '&&' && status !== 0) || (piece.operator === '||' && status === 0)) continue;
    const ran = await runLine(piece.text, current, context);
    if (ran.kind === 'declined') return ran;
    output += ran.output;
    current = ran.world;
  }
  return { kind: 'ran', output, world: current };
}
