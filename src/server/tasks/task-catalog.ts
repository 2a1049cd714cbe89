import { AgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import { specForEpisode } from '../../rollout/episode-spec.js';
import { groupSeed } from '../../rollout/run-batch.js';
import { memberSeed } from '../../rollout/run-group.js';
import type { LoadedTask } from '../../rollout/types.js';

/** What `GET /tasks` shows of a task: never its solution nor its verifiers' expected values. */
export interface TaskListing {
  readonly id: string;
  readonly title?: string;
  readonly instruction: string;
  readonly domain: string;
  readonly dialect: string;
  readonly tags?: readonly string[];
  /** Decisions an episode may take (the task's turn budget, capped by the world's `maxTurns`). */
  readonly max_turns: number;
  /** The episode indexes (= reset seeds) at which a curriculum stage starts. */
  readonly curriculum_from?: readonly number[];
}

/** One episode of a task: the spec with its curriculum stage, and the session seed. */
export interface TaskEpisodePlan {
  readonly loaded: LoadedTask;
  /** The curriculum stage is the one `agentworld rollout` uses for this episode index. */
  readonly episodeIndex: number;
  readonly spec: WorldSpec;
  /** The session seed (perturbation draws, world-model sampling). */
  readonly sessionSeed: number;
}

/**
 * The tasks a server was started with (`agentworld serve --tasks`), by id.
 *
 * Seeds: a reset with `seed: k` (default 0) and `member: m` (default 0) is episode `k`, member `m` of
 * `agentworld rollout --seed 0`: the curriculum stage of episode index `k`, and the session seed
 * `memberSeed(groupSeed(0, task id, k), m)`. So a trainer that resets with its episode counter as the seed walks
 * the curriculum as a rollout run does, the same seed always gives the same episode, and members of one group
 * (same seed, members 0…N-1) get their own perturbation draws.
 */
export class TaskCatalog {
  readonly #byId: ReadonlyMap<string, LoadedTask>;

  constructor(tasks: readonly LoadedTask[]) {
    const byId = new Map<string, LoadedTask>();
    for (const loaded of tasks) {
      if (byId.has(loaded.task.id))
        throw new AgentWorldError('INVALID_REQUEST', `Task ${loaded.task.id} is listed twice.`);
      byId.set(loaded.task.id, loaded);
    }
    this.#byId = byId;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** The task, or NOT_FOUND naming the id. */
  get(taskId: string): LoadedTask {
    const loaded = this.#byId.get(taskId);
    if (loaded === undefined) {
      throw new AgentWorldError(
        'NOT_FOUND',
        this.#byId.size === 0
          ? `No task "${taskId.slice(0, 200)}": this server has no tasks (start it with --tasks PATH).`
          : `No task "${taskId.slice(0, 200)}" on this server; GET /tasks lists the ${this.#byId.size} it has.`,
        { details: { task_id: taskId.slice(0, 200), path: '$.task_id' } },
      );
    }
    return loaded;
  }

  list(): TaskListing[] {
    return [...this.#byId.values()].map(listingOf);
  }

  /** The episode a reset by task id and seed starts (see the class comment). */
  plan(taskId: string, seed = 0, member = 0): TaskEpisodePlan {
    const loaded = this.get(taskId);
    return {
      loaded,
      episodeIndex: seed,
      spec: specForEpisode(loaded, seed),
      sessionSeed: memberSeed(groupSeed(0, taskId, seed), member),
    };
  }
}

function listingOf(loaded: LoadedTask): TaskListing {
  const { task, spec } = loaded;
  const stages = task.curriculum.map((stage) => stage.fromEpisode);
  return {
    id: task.id,
    ...(task.title === undefined ? {} : { title: task.title }),
    instruction: task.instruction,
    domain: spec.domain,
    dialect: spec.dialect ?? getDomain(spec.domain).defaultDialect,
    ...(task.tags.length === 0 ? {} : { tags: [...new Set(task.tags)] }),
    max_turns: Math.min(task.budgets.maxTurns ?? spec.maxTurns, spec.maxTurns),
    ...(stages.length === 0 ? {} : { curriculum_from: stages }),
  };
}
