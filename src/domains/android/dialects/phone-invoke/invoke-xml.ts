/**
 * The `<invoke name="…">` call blocks of the phone-invoke dialect: parsed into names and raw parameter strings,
 * and rendered back one parameter per line. Values are XML-escaped on the way out and unescaped on the way in.
 */

export interface InvokeBlock {
  readonly name: string;
  readonly parameters: ReadonlyArray<readonly [string, string]>;
}

export type InvokeParse =
  | { readonly ok: true; readonly blocks: readonly InvokeBlock[] }
  | { readonly ok: false; readonly message: string };

const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const INVOKE = /<invoke\s+name\s*=\s*"([^"]*)"\s*>([\s\S]*?)<\/invoke\s*>/g;
const PARAMETER = /<parameter\s+name\s*=\s*"([^"]*)"\s*>([\s\S]*?)<\/parameter\s*>/g;

function stray(text: string): string | undefined {
  const rest = text.trim();
  if (rest.length === 0) return undefined;
  return rest.length > 40 ? `${rest.slice(0, 37)}...` : rest;
}

/** Parses every `<invoke>` block of the text, optionally wrapped in `<function_calls>`; nothing else may appear. */
export function parseInvokeBlocks(text: string): InvokeParse {
  const body = text.replace(/<\/?function_calls\s*>/g, '');
  const blocks: InvokeBlock[] = [];
  let position = 0;
  for (const match of body.matchAll(INVOKE)) {
    const before = stray(body.slice(position, match.index));
    if (before !== undefined) return { ok: false, message: `unexpected text "${before}" outside <invoke>` };
    position = match.index + match[0].length;
    const inner = match[2] ?? '';
    const parameters: Array<readonly [string, string]> = [];
    let innerPosition = 0;
    for (const parameter of inner.matchAll(PARAMETER)) {
      const gap = stray(inner.slice(innerPosition, parameter.index));
      if (gap !== undefined) {
        return { ok: false, message: `unexpected text "${gap}" inside <invoke name="${match[1]}">` };
      }
      innerPosition = parameter.index + parameter[0].length;
      parameters.push([parameter[1] ?? '', unescapeXml(parameter[2] ?? '')]);
    }
    const tail = stray(inner.slice(innerPosition));
    if (tail !== undefined) {
      return { ok: false, message: `unexpected text "${tail}" inside <invoke name="${match[1]}">` };
    }
    blocks.push({ name: match[1] ?? '', parameters });
  }
  const after = stray(body.slice(position));
  if (after !== undefined) {
    return {
      ok: false,
      message:
        blocks.length === 0
          ? 'no <invoke name="…"> block found'
          : `unexpected text "${after}" after the last </invoke>`,
    };
  }
  if (blocks.length === 0) return { ok: false, message: 'no <invoke name="…"> block found' };
  return { ok: true, blocks };
}

/** One `<invoke>` block, one parameter per line. */
export function renderInvokeBlock(block: InvokeBlock): string {
  const lines = [`<invoke name="${block.name}">`];
  for (const [name, value] of block.parameters) {
    lines.push(`<parameter name="${name}">${escapeXml(value)}</parameter>`);
  }
  lines.push('</invoke>');
  return lines.join('\n');
}
