import { CliError } from './io';

/** The value of an option that takes one of `allowed`; a CliError (exit 1) naming them otherwise. */
export function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

/** Collects a repeatable option's values. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
