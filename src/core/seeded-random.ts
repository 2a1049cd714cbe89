import { createHash } from 'node:crypto';

/**
 * A uniform number in [0, 1) that depends only on the seed and the keys: a counter-based draw (sha256), so the
 * same seed gives the same injections in any process, in any order of evaluation, after a fork or a reload.
 */
export function seededUniform(seed: number, ...keys: ReadonlyArray<string | number>): number {
  const digest = createHash('sha256')
    .update(`agentworld.control:${seed}:${keys.join(':')}`)
    .digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
