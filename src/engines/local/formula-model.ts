import type { CallOptions } from '../../core/abort.js';
import { encodeGguf, type GgufTensor, type GgufValue, writeGguf } from './gguf-writer.js';
import { MCP_LAYOUT_ID, mcpSystemLine } from './mcp-sequence-layout.js';
import { BOS_ID, EOS_ID, LAYOUT_ID, SYSTEM_LINE, UNK_ID, VOCAB_SIZE } from './sequence-layout.js';

/**
 * A tiny llama model whose weights come from an integer hash (training/formula_model.py computes the very same
 * floats). Tests write it as GGUF to exercise the engine's loading and decoding without a trained model, and
 * compare llama.cpp's logits with the ones PyTorch computed for it (fixtures/formula-reference.json).
 */
export const FORMULA_CONFIG = {
  vocabSize: VOCAB_SIZE,
  hiddenSize: 64,
  intermediateSize: 128,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  contextLength: 512,
  rmsNormEps: 1e-5,
  ropeTheta: 10000,
} as const;

const FORMULA_SCALE = 0.35;
const FORMULA_HEAD_SCALE = 1.2;

/** Values in [-scale, scale) from a 32-bit hash of (tensor index, element index). */
export function formulaValues(tensorIndex: number, count: number, scale: number): Float32Array {
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    let x = (Math.imul(index, 2654435761) + Math.imul(tensorIndex, 40503) + 12345) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    x = Math.imul(x, 0x45d9f3b) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    x = Math.imul(x, 0x45d9f3b) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    values[index] = ((x >>> 8) / 16777216 - 0.5) * 2 * scale;
  }
  return values;
}

/** Reorders q/k rows from the rotate-half layout (transformers) to the adjacent-pairs layout (llama.cpp). */
export function interleaveRopeRows(
  weight: Float32Array,
  rows: number,
  columns: number,
  heads: number,
): Float32Array {
  const headDim = rows / heads;
  const half = headDim / 2;
  const out = new Float32Array(weight.length);
  for (let head = 0; head < heads; head++) {
    for (let which = 0; which < 2; which++) {
      for (let j = 0; j < half; j++) {
        const from = (head * headDim + which * half + j) * columns;
        const to = (head * headDim + 2 * j + which) * columns;
        out.set(weight.subarray(from, from + columns), to);
      }
    }
  }
  return out;
}

/** The formula weights in transformers' naming and order (the order decides each tensor's hash index). */
function formulaWeights(): Array<{ name: string; shape: number[]; data: Float32Array }> {
  const c = FORMULA_CONFIG;
  const kv = (c.kvHeads * c.hiddenSize) / c.heads;
  const shapes: Array<[string, number[]]> = [['model.embed_tokens.weight', [c.vocabSize, c.hiddenSize]]];
  for (let layer = 0; layer < c.layers; layer++) {
    const p = `model.layers.${layer}.`;
    shapes.push(
      [`${p}input_layernorm.weight`, [c.hiddenSize]],
      [`${p}self_attn.q_proj.weight`, [c.hiddenSize, c.hiddenSize]],
      [`${p}self_attn.k_proj.weight`, [kv, c.hiddenSize]],
      [`${p}self_attn.v_proj.weight`, [kv, c.hiddenSize]],
      [`${p}self_attn.o_proj.weight`, [c.hiddenSize, c.hiddenSize]],
      [`${p}post_attention_layernorm.weight`, [c.hiddenSize]],
      [`${p}mlp.gate_proj.weight`, [c.intermediateSize, c.hiddenSize]],
      [`${p}mlp.up_proj.weight`, [c.intermediateSize, c.hiddenSize]],
      [`${p}mlp.down_proj.weight`, [c.hiddenSize, c.intermediateSize]],
    );
  }
  shapes.push(['model.norm.weight', [c.hiddenSize]], ['lm_head.weight', [c.vocabSize, c.hiddenSize]]);
  return shapes.map(([name, shape], index) => {
    const count = shape.reduce((product, size) => product * size, 1);
    if (shape.length === 1) {
      const small = formulaValues(index, count, 0.25);
      return { name, shape, data: small.map((value) => 1 + value) };
    }
    const scale = name === 'lm_head.weight' ? FORMULA_HEAD_SCALE : FORMULA_SCALE;
    return { name, shape, data: formulaValues(index, count, scale) };
  });
}

const GGUF_NAMES: Record<string, string> = {
  input_layernorm: 'attn_norm',
  'self_attn.q_proj': 'attn_q',
  'self_attn.k_proj': 'attn_k',
  'self_attn.v_proj': 'attn_v',
  'self_attn.o_proj': 'attn_output',
  post_attention_layernorm: 'ffn_norm',
  'mlp.gate_proj': 'ffn_gate',
  'mlp.up_proj': 'ffn_up',
  'mlp.down_proj': 'ffn_down',
};

/**
 * `interleaved` (right): q/k rows reordered for llama.cpp. `as-trained` (wrong) keeps transformers' order; tests
 * use it to show that the logit comparison catches a missing reorder.
 */
export type RopeRowOrder = 'interleaved' | 'as-trained';

function ggufTensors(order: RopeRowOrder): GgufTensor[] {
  const c = FORMULA_CONFIG;
  const tensors: GgufTensor[] = [];
  for (const weight of formulaWeights()) {
    const layer = /^model\.layers\.(\d+)\.(.+)\.weight$/.exec(weight.name);
    if (weight.name === 'model.embed_tokens.weight') tensors.push({ ...weight, name: 'token_embd.weight' });
    else if (weight.name === 'model.norm.weight') tensors.push({ ...weight, name: 'output_norm.weight' });
    else if (weight.name === 'lm_head.weight') tensors.push({ ...weight, name: 'output.weight' });
    else if (layer !== null) {
      const part = layer[2] as string;
      const [rows, columns] = weight.shape as [number, number];
      let data = weight.data;
      if (order === 'interleaved' && part === 'self_attn.q_proj')
        data = interleaveRopeRows(data, rows, columns, c.heads);
      if (order === 'interleaved' && part === 'self_attn.k_proj') {
        data = interleaveRopeRows(data, rows, columns, c.kvHeads);
      }
      tensors.push({ name: `blk.${layer[1]}.${GGUF_NAMES[part]}.weight`, shape: weight.shape, data });
    }
  }
  return tensors;
}

/** The layout metadata of the formula model as an mcp model of server-memory (same weights, other metadata). */
export const FORMULA_MCP_LAYOUT = {
  layoutId: MCP_LAYOUT_ID,
  systemLine: mcpSystemLine('server-memory'),
} as const;

function metadata(layoutId: string, systemLine: string): Record<string, GgufValue> {
  const c = FORMULA_CONFIG;
  const tokens = ['<unk>', '<s>', '</s>'];
  for (let byte = 0; byte < 256; byte++)
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
  return {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: 'formula' },
    'general.file_type': { type: 'u32', value: 0 },
    'general.alignment': { type: 'u32', value: 32 },
    'llama.context_length': { type: 'u32', value: c.contextLength },
    'llama.embedding_length': { type: 'u32', value: c.hiddenSize },
    'llama.block_count': { type: 'u32', value: c.layers },
    'llama.feed_forward_length': { type: 'u32', value: c.intermediateSize },
    'llama.attention.head_count': { type: 'u32', value: c.heads },
    'llama.attention.head_count_kv': { type: 'u32', value: c.kvHeads },
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: c.rmsNormEps },
    'llama.rope.dimension_count': { type: 'u32', value: c.hiddenSize / c.heads },
    'llama.rope.freq_base': { type: 'f32', value: c.ropeTheta },
    'llama.vocab_size': { type: 'u32', value: c.vocabSize },
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'strings', value: tokens },
    'tokenizer.ggml.scores': { type: 'f32s', value: tokens.map(() => 0) },
    'tokenizer.ggml.token_type': {
      type: 'i32s',
      value: tokens.map((_, id) => (id === 0 ? 2 : id < 3 ? 3 : 6)),
    },
    'tokenizer.ggml.unknown_token_id': { type: 'u32', value: UNK_ID },
    'tokenizer.ggml.bos_token_id': { type: 'u32', value: BOS_ID },
    'tokenizer.ggml.eos_token_id': { type: 'u32', value: EOS_ID },
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: false },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
    'agentworld.layout': { type: 'string', value: layoutId },
    'agentworld.system_line': { type: 'string', value: systemLine },
  };
}

/** The formula model as GGUF bytes (F32), identical to `python3 training/formula_model.py export OUT f32`. */
export function encodeFormulaModel(order: RopeRowOrder = 'interleaved'): Buffer {
  return encodeGguf(metadata(LAYOUT_ID, SYSTEM_LINE), ggufTensors(order));
}

export interface FormulaModelFileOptions extends CallOptions {
  readonly ropeRows?: RopeRowOrder;
  /** `agentworld.layout`; default the terminal layout. */
  readonly layoutId?: string;
  /** `agentworld.system_line`; default the terminal system line. */
  readonly systemLine?: string;
}

/**
 * The formula model's metadata and tensors (GGUF names) for a layout, for variants that tests write with other
 * weights in the same shapes (repeating-model.ts).
 */
export function formulaModelParts(options: Pick<FormulaModelFileOptions, 'layoutId' | 'systemLine'> = {}): {
  metadata: Record<string, GgufValue>;
  tensors: GgufTensor[];
} {
  return {
    metadata: metadata(options.layoutId ?? LAYOUT_ID, options.systemLine ?? SYSTEM_LINE),
    tensors: ggufTensors('interleaved'),
  };
}

/** Writes the formula model to a GGUF file (as a terminal model unless the options name another layout). */
export async function writeFormulaModel(path: string, options: FormulaModelFileOptions = {}): Promise<void> {
  const tensors = ggufTensors(options.ropeRows ?? 'interleaved');
  const layout = metadata(options.layoutId ?? LAYOUT_ID, options.systemLine ?? SYSTEM_LINE);
  await writeGguf(path, layout, tensors, options);
}

/** Writes the formula model as an mcp-layout model of server-memory (`FORMULA_MCP_LAYOUT`). */
export async function writeFormulaMcpModel(path: string, options: CallOptions = {}): Promise<void> {
  await writeFormulaModel(path, { ...options, ...FORMULA_MCP_LAYOUT });
}
