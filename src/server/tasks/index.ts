export { ManagedEpisodeSession } from './managed-episode-session.js';
export { episodeOver, type HandoffPoint, ReplyHandoff } from './reply-handoff.js';
export { TaskCatalog, type TaskEpisodePlan, type TaskListing } from './task-catalog.js';
export { type EpisodeMode, type ShownTurn, TaskEpisode, type TaskEpisodeOptions } from './task-episode.js';
export {
  episodeFailure,
  type StartEpisodeRequest,
  TaskEpisodes,
  type TaskEpisodesOptions,
} from './task-episodes.js';
