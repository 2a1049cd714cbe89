/**
 * Where an episode's wall time goes, read from the HTTP calls it makes: every policy call (one `fetch` per
 * policy, so per episode) and every world-model call (the engine's shared `fetch`, told apart by the sampling
 * seed in its body, which the lwm engine derives from the session seed and the turn) is stamped when it is sent
 * and when its answer arrives. Between an answer and the episode's next request, the episode is inside
 * AgentWorld (parsing the reply, stepping the session, building the next prompt — and waiting for the event loop
 * while 255 other episodes do the same); after its last answer it is scored and committed.
 */
import { deriveSamplingSeed } from '../../src/engines/lwm/index.js';

interface Stamp {
  readonly kind: 'policy' | 'world';
  readonly sentAt: number;
  receivedAt: number;
}

export interface StepGaps {
  /** Policy answer received → world-model request sent, one per world step. */
  readonly policyToWorld: number[];
  /** World-model answer received → next policy request sent, one per world step. */
  readonly worldToPolicy: number[];
  /** Both gaps of one step: AgentWorld's time in one step (one per world step). */
  readonly perStep: number[];
  /** Last policy answer received → the episode's line committed (scored, written, fsynced). */
  readonly commit: number[];
  /** Episodes whose calls could not all be told apart (should be 0). */
  readonly unattributed: number;
}

export class StepTimeline {
  readonly #episodes = new Map<number, Stamp[]>();
  readonly #committedAt = new Map<number, number>();
  /** World-model sampling seed → the session seed of its episode. */
  readonly #worldSeeds = new Map<number, number>();
  #unattributed = 0;

  /** Registers an episode's session seed (and the sampling seeds its world-model calls will carry). */
  expect(sessionSeed: number, worldSteps: number): void {
    this.#episodes.set(sessionSeed, []);
    for (let turn = 1; turn <= worldSteps; turn++)
      this.#worldSeeds.set(deriveSamplingSeed(sessionSeed, turn, 0), sessionSeed);
  }

  /** The `fetch` of one episode's policy. */
  policyFetch(sessionSeed: number): typeof fetch {
    return (input, init) => this.#stamped('policy', this.#episodes.get(sessionSeed), input, init);
  }

  /** The world-model engine's `fetch`, shared by every episode. */
  worldFetch(): typeof fetch {
    return (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const at = body.lastIndexOf('"seed":');
      const seed = at === -1 ? Number.NaN : Number.parseInt(body.slice(at + 7, at + 20), 10);
      const episode = this.#worldSeeds.get(seed);
      const stamps = episode === undefined ? undefined : this.#episodes.get(episode);
      if (stamps === undefined) this.#unattributed += 1;
      return this.#stamped('world', stamps, input, init);
    };
  }

  committed(sessionSeed: number): void {
    this.#committedAt.set(sessionSeed, performance.now());
  }

  async #stamped(
    kind: Stamp['kind'],
    stamps: Stamp[] | undefined,
    input: Parameters<typeof fetch>[0],
    init: Parameters<typeof fetch>[1],
  ): Promise<Response> {
    const stamp: Stamp = { kind, sentAt: performance.now(), receivedAt: Number.NaN };
    stamps?.push(stamp);
    const response = await fetch(input, init);
    stamp.receivedAt = performance.now();
    return response;
  }

  gaps(): StepGaps {
    const gaps: StepGaps = {
      policyToWorld: [],
      worldToPolicy: [],
      perStep: [],
      commit: [],
      unattributed: this.#unattributed,
    };
    for (const [seed, stamps] of this.#episodes) {
      for (let index = 0; index + 2 < stamps.length; index++) {
        const [policy, world, next] = [stamps[index], stamps[index + 1], stamps[index + 2]];
        if (policy?.kind !== 'policy' || world?.kind !== 'world' || next?.kind !== 'policy') continue;
        const toWorld = world.sentAt - policy.receivedAt;
        const toPolicy = next.sentAt - world.receivedAt;
        gaps.policyToWorld.push(toWorld);
        gaps.worldToPolicy.push(toPolicy);
        gaps.perStep.push(toWorld + toPolicy);
      }
      const last = stamps.at(-1);
      const committedAt = this.#committedAt.get(seed);
      if (last !== undefined && committedAt !== undefined) gaps.commit.push(committedAt - last.receivedAt);
    }
    return gaps;
  }
}
