/** The one BullMQ queue every job kind goes through (workers take all kinds); its keys start with `agentworld`. */
export const QUEUE_NAME = 'jobs';
export const QUEUE_PREFIX = 'agentworld';
