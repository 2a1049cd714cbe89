import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { encodeFormulaModel, formulaValues, interleaveRopeRows, writeFormulaModel } from './formula-model.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';
import { findPython } from './python-probe.js';

interface ReferenceCase {
  readonly prompt: number[];
  readonly lastLogits: number[];
  readonly greedy: number[];
}

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'formula-reference.json'), 'utf8'),
) as { cases: ReferenceCase[] };
const directory = mkdtempSync(join(tmpdir(), 'agentworld-formula-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const installed = await nodeLlamaCppInstalled();

interface Logits {
  /** Log-probabilities of the whole vocabulary at the last position (logits less their log-sum-exp). */
  readonly logProbabilities: Map<number, number>;
  readonly greedy: number[];
}

/**
 * Unscaled, untruncated sampling (temperature 1, no top-k, top-p or min-p): the probabilities node-llama-cpp
 * reports are then the softmax of llama.cpp's logits, whose logarithms differ from the logits by one constant.
 */
const FULL_DISTRIBUTION = { temperature: 1, topK: 0, topP: 1, minP: 0 } as const;

/** llama.cpp's last-position log-probabilities and 12 greedy ids for each reference prompt. */
async function llamaOutputs(path: string): Promise<Logits[]> {
  const specifier: string = 'node-llama-cpp';
  // biome-ignore lint/suspicious/noExplicitAny: node-llama-cpp is optional, so its types are not imported.
  const { getLlama } = (await import(specifier)) as any;
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error', progressLogs: false });
  const model = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({ contextSize: 512, threads: 1, flashAttention: false });
  const sequence = context.getSequence();
  const outputs: Logits[] = [];
  try {
    for (const item of reference.cases) {
      await sequence.clearHistory();
      const input = item.prompt.map((token, index) =>
        index === item.prompt.length - 1
          ? [token, { generateNext: { probabilities: true, options: FULL_DISTRIBUTION } }]
          : token,
      );
      const evaluated = await sequence.controlledEvaluate(input);
      const probabilities = evaluated[item.prompt.length - 1].next.probabilities as Map<number, number>;
      const logProbabilities = new Map(
        [...probabilities].map(([token, probability]) => [token, Math.log(probability)]),
      );
      await sequence.clearHistory();
      const greedy: number[] = [];
      for await (const token of sequence.evaluate(item.prompt, { temperature: 0 })) {
        greedy.push(token);
        if (greedy.length >= item.greedy.length) break;
      }
      outputs.push({ logProbabilities, greedy });
    }
  } finally {
    await context.dispose();
    await model.dispose();
  }
  return outputs;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The largest difference between llama.cpp's and PyTorch's logits, each centred on its mean over the
 * vocabulary (log-probabilities and logits differ by a constant, which the centring removes).
 */
function largestLogitGap(output: Logits, expected: ReferenceCase): number {
  const tokens = [...output.logProbabilities.keys()];
  const ours = mean(tokens.map((token) => output.logProbabilities.get(token) ?? 0));
  const theirs = mean(tokens.map((token) => expected.lastLogits[token] ?? 0));
  let gap = 0;
  for (const token of tokens) {
    const centred = (output.logProbabilities.get(token) ?? 0) - ours;
    gap = Math.max(gap, Math.abs(centred - ((expected.lastLogits[token] ?? 0) - theirs)));
  }
  return gap;
}

describe('formula model (random-weight GGUF written in TypeScript)', () => {
  it('computes the same weights as training/formula_model.py (spot values)', () => {
    // Printed by: python3 -c "from formula_model import formula_values; print(formula_values(3, 4, 0.35))"
    const expected = [0.1689077764749527, -0.08502434939146042, 0.18282178044319153, 0.19371303915977478];
    assert.deepEqual([...formulaValues(3, 4, 0.35)], expected);
  });

  it('reorders q/k rows per head: first-half row j to 2j, second-half row j to 2j+1', () => {
    // One head of dimension 4, one column: rows [a0 a1 b0 b1] become [a0 b0 a1 b1].
    const rows = Float32Array.from([10, 11, 20, 21]);
    assert.deepEqual([...interleaveRopeRows(rows, 4, 1, 1)], [10, 20, 11, 21]);
  });

  it('writes the same bytes as the Python exporter (export_gguf.py) for the same weights', (context) => {
    const python = findPython(['numpy']);
    if (python === undefined) {
      context.skip('no python3 with numpy here');
      return;
    }
    const out = join(directory, 'python.gguf');
    const run = spawnSync(python, [join('training', 'formula_model.py'), 'export', out, 'f32'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(readFileSync(out).equals(encodeFormulaModel()), 'the two writers disagree');
  });

  it('gives llama.cpp the logits PyTorch computes, and greedy decoding agrees', {
    skip: !installed,
  }, async () => {
    const path = join(directory, 'formula.gguf');
    await writeFormulaModel(path);
    const outputs = await llamaOutputs(path);
    for (const [index, expected] of reference.cases.entries()) {
      const output = outputs[index] as Logits;
      assert.equal(output.logProbabilities.size, 259);
      const gap = largestLogitGap(output, expected);
      assert.ok(gap < 0.05, `prompt ${index}: logits differ by up to ${gap}`);
      assert.deepEqual(output.greedy, expected.greedy, `prompt ${index}: greedy ids`);
    }
  });

  it('without the q/k reorder the logits are far off, so the comparison catches it', {
    skip: !installed,
  }, async () => {
    const path = join(directory, 'unordered.gguf');
    await writeFormulaModel(path, { ropeRows: 'as-trained' });
    const outputs = await llamaOutputs(path);
    const gaps = reference.cases.map((expected, index) =>
      largestLogitGap(outputs[index] as Logits, expected),
    );
    assert.ok(Math.max(...gaps) > 0.5, `largest gap only ${Math.max(...gaps)}`);
  });
});
