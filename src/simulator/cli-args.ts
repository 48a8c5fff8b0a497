import { InvalidArgumentError } from 'commander';

/** Commander argument parsers of the simulators' command lines; a bad value names what was expected. */

export function integerArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a non-negative integer');
  return Number(value);
}

export function rateArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('a number from 0 to 1');
  return n;
}

/** A comma-separated list; blanks around and between items are dropped. */
export function listArg(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
