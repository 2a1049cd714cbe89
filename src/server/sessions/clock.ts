/**
 * Milliseconds since the epoch, as `Date.now()` gives them. The session manager keeps every time it compares
 * (last use, idle eviction, reaping, the stored last-step time) by one of these, so tests move time forward
 * instead of sleeping.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
