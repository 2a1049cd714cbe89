import { InvalidArgumentError } from 'commander';

/** A commander parser for an integer in [minimum, maximum]. */
export function integer(minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < minimum || parsed > maximum) {
      throw new InvalidArgumentError(`expected an integer from ${minimum} to ${maximum}`);
    }
    return parsed;
  };
}

/** A commander parser for a finite number above zero. */
export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
}
