/** mini-swe-agent's observation parser: the `<returncode>` template, plain or elided. */
import type { SweObservationNode } from '../../observation-parse.js';

function tagged(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text);
  return match?.[1];
}

/** mini-swe-agent's `<returncode>` observation, plain or elided; undefined when the text is not one. */
export function parseMiniSweResult(
  text: string,
): Extract<SweObservationNode, { kind: 'mini-swe-result' }> | undefined {
  const code = /^(?:<exception>[\s\S]*?<\/exception>\n)?<returncode>(-?\d+)<\/returncode>/.exec(
    text.trimStart(),
  );
  if (code === null) return undefined;
  const output = /<output>\n?([\s\S]*)<\/output>\s*$/.exec(text)?.[1];
  const head = tagged(text, 'output_head');
  const tail = tagged(text, 'output_tail');
  const elided = tagged(text, 'elided_chars');
  const exception = tagged(text, 'exception');
  const elidedChars = elided === undefined ? undefined : Number(/\d+/.exec(elided)?.[0] ?? Number.NaN);
  return {
    kind: 'mini-swe-result',
    returncode: Number(code[1]),
    ...(output === undefined ? {} : { output }),
    ...(head === undefined ? {} : { head }),
    ...(tail === undefined ? {} : { tail }),
    ...(elidedChars === undefined || Number.isNaN(elidedChars) ? {} : { elidedChars }),
    ...(exception === undefined ? {} : { exception }),
  };
}
