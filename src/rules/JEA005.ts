import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, forEachParameter, quote } from './helpers';

/** The top-level alternatives of a .NET regular expression (split at `|` outside groups and sets). */
export function topLevelAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inSet = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inSet) {
      if (c === ']') inSet = false;
      continue;
    }
    if (c === '[') {
      inSet = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++; // a leading ] is a literal
    } else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

function startsAnchored(alt: string): boolean {
  const body = alt.replace(/^(\(\?[imnsx-]+\))+/, '');
  return body.startsWith('^') || body.startsWith('\\A');
}

function endsAnchored(alt: string): boolean {
  const escapes = (end: number) => {
    let n = 0;
    for (let i = end - 1; i >= 0 && alt[i] === '\\'; i--) n++;
    return n;
  };
  if (alt.endsWith('$')) return escapes(alt.length - 1) % 2 === 0;
  if (alt.endsWith('\\z') || alt.endsWith('\\Z')) return escapes(alt.length - 2) % 2 === 0;
  return false;
}

/** Whether a ValidatePattern is anchored at both ends in every top-level alternative. */
export function isAnchored(pattern: string): boolean {
  return topLevelAlternatives(pattern).every((a) => startsAnchored(a) && endsAnchored(a));
}

/**
 * JEA005: a ValidatePattern not anchored with `^` and `$`. PowerShell matches the pattern
 * anywhere in the value, so the documentation's `HR_*` lets through any value that contains
 * `HR`; a top-level `|` (`^a|b$`) anchors only one side of each alternative.
 */
export const JEA005: Rule = {
  id: 'JEA005',
  severity: 'warning',
  title: 'A ValidatePattern without ^ and $',
  help:
    'ValidatePattern is a regular expression matched anywhere in the value: `HR_*` accepts "xHR" and "HR; anything". ' +
    'Anchor it at both ends, grouping alternatives: ^(?:HR_\\w+)$.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      forEachParameter(block.model, (param, command, path) => {
        const pattern = param.validatePattern;
        if (typeof pattern !== 'string' || isAnchored(pattern)) return;
        const alts = topLevelAlternatives(pattern);
        const core = alts.length === 1 ? pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '') : pattern;
        out.push(
          findingIn(
            block,
            [...path, 'ValidatePattern'],
            `ValidatePattern ${quote(pattern)} of ${command.name} -${param.name} is not anchored: it accepts any value that merely contains a match; write ${quote(`^(?:${core})$`)}`,
          ),
        );
      });
    }
    return out;
  },
};
