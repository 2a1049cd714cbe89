/**
 * The one BullMQ queue every job kind goes through (workers take all kinds). Its Redis keys are
 * `bull:agentworld:*` (BullMQ's default prefix), what the deployment guide tells operators to watch.
 */
export const QUEUE_NAME = 'agentworld';
export const QUEUE_PREFIX = 'bull';
