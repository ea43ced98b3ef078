import { Rule } from './rule';

/** Every rule, in id order. Each lives in its own file named by its id. */
export const RULES: readonly Rule[] = [];
