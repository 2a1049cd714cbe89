import type { CallOptions } from '../../core/abort.js';
import { FORMULA_CONFIG, FORMULA_MCP_LAYOUT, formulaModelParts } from './formula-model.js';
import { writeGguf } from './gguf-writer.js';
import { byteIds } from './sequence-layout.js';

/**
 * A formula-shaped model that writes `unit` over and over, whatever the prompt: every block adds nothing to the
 * residual (zero attention output and MLP down projections), so the next byte depends on the last one alone;
 * each byte of the unit points to the byte after it, every other byte to the unit's first, and the end token
 * never wins. Tests use it to drive the runaway-repetition guard (a unit without a line break) and to show that
 * repeated identical lines (a unit ending in one) do not trip it. The unit's bytes must all differ.
 */
export async function writeRepeatingModel(
  path: string,
  unit: string,
  options: CallOptions & { readonly layout?: 'terminal' | 'mcp' } = {},
): Promise<void> {
  const ids = byteIds(unit);
  const c = FORMULA_CONFIG;
  if (new Set(ids).size !== ids.length || ids.length >= c.hiddenSize) {
    throw new RangeError(
      `the unit needs distinct bytes, fewer than ${c.hiddenSize}: ${JSON.stringify(unit)}`,
    );
  }
  // Token ids[i] lives on hidden dimension i + 1; every other token on dimension 0.
  const dimensionOf = (token: number): number => ids.indexOf(token) + 1;
  const parts = formulaModelParts(options.layout === 'mcp' ? FORMULA_MCP_LAYOUT : {});
  const tensors = parts.tensors.map((tensor) => {
    const data = new Float32Array(tensor.data.length);
    if (tensor.name === 'token_embd.weight') {
      for (let token = 0; token < c.vocabSize; token++) data[token * c.hiddenSize + dimensionOf(token)] = 1;
    } else if (tensor.name === 'output.weight') {
      // Dimension 0 (any other byte) and the unit's last byte lead to its first; byte i to byte i + 1.
      const first = ids[0] as number;
      data[first * c.hiddenSize] = 10;
      for (let index = 0; index < ids.length; index++) {
        const next = ids[(index + 1) % ids.length] as number;
        data[next * c.hiddenSize + index + 1] = 10;
      }
    } else if (tensor.shape.length === 1) data.fill(1);
    else if (!/attn_output|ffn_down/.test(tensor.name)) data.set(tensor.data);
    return { ...tensor, data };
  });
  await writeGguf(path, parts.metadata, tensors, options);
}
