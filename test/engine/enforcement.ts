/**
 * Enforcement, not only listing: calls a remote user would make in the session, derived from what
 * `effectiveRights` claims, each with the outcome that claim implies. The engine runs them
 * (CommandOrigin Runspace, as remoting does) and any call whose outcome differs is a finding.
 */
import { EffectiveCommand, EffectiveParameter } from '../../src/effective/merge';
import { EffectiveResult } from '../../src/effective/effective';
import { RESTRICTED_REMOTE_SERVER } from '../../src/effective/session-defaults';
import { enginePattern } from '../../src/rules/engine-pattern';
import { hasWildcard, wildcardMatch } from '../../src/jea/wildcard';
import { EngineCall } from './engine-rights';
import { FUNCTIONS, VOCABULARY } from './generated-estates';

/** A call and the outcome our claim implies. */
export interface ExpectedCall {
  readonly call: { command: string; parameters?: Record<string, string>; qualify?: boolean } | { script: string };
  readonly succeeds: boolean;
  /** Why: the claim the call tests. */
  readonly because: string;
}

const lower = (s: string) => s.toLowerCase();

/** Whether a value passes a parameter's set and its anchored, case-insensitive patterns (JavaScript's reading of simple .NET patterns). */
function accepts(p: { validateSet?: readonly string[]; validatePattern?: readonly string[] }, value: string): boolean {
  if (p.validateSet && !p.validateSet.some((v) => lower(v) === lower(value))) return false;
  if (p.validatePattern) {
    const pattern = enginePattern(p.validatePattern);
    if (!pattern) throw new Error(`JavaScript cannot read the pattern ${p.validatePattern.join('|')}`);
    if (!pattern.test(value)) return false;
  }
  return true;
}

/** The names of RestrictedRemoteServer's own commands, lower case. */
const RESTRICTED_REMOTE_SERVER_COMMANDS = [
  ...(RESTRICTED_REMOTE_SERVER.visibleCmdlets ?? []),
  ...(RESTRICTED_REMOTE_SERVER.visibleFunctions ?? []),
].map((c) => lower(typeof c === 'string' ? c : c.name));

/** A value no set of ours holds and no pattern of ours is meant to take. */
const OUTSIDE = 'jeajit-outside';
/** The same for a parameter that takes a number. */
const OUTSIDE_NUMBER = '987';

/** Values to try for a parameter: the vocabulary's (generated estates), the set's, and one outside. */
function valuesFor(command: string, p: EffectiveParameter): string[] {
  const vocabulary = Object.entries(VOCABULARY).find(([k]) => lower(k) === lower(command))?.[1];
  const known = Object.entries(vocabulary ?? {}).find(([k]) => lower(k) === lower(p.name))?.[1];
  const functionValues = Object.keys(FUNCTIONS).some((k) => lower(k) === lower(command)) ? ['x', 'y', 'z'] : [];
  return [
    ...new Set([
      ...(known?.values ?? []),
      ...functionValues,
      ...(p.validateSet ?? []),
      known?.numeric ? OUTSIDE_NUMBER : OUTSIDE,
    ]),
  ];
}

/**
 * The calls that test one claimed command: by name (public), each value against the claimed
 * constraint, a parameter not listed, and the command itself by its module-qualified name, which
 * only a command also listed bare lets through.
 */
function callsFor(c: EffectiveCommand): ExpectedCall[] {
  if (hasWildcard(c.name) || c.name.includes('\\')) return [];
  const out: ExpectedCall[] = [{ call: { command: c.name }, succeeds: true, because: `${c.name} is public` }];
  if (!c.parameters) return out;
  for (const p of c.parameters) {
    for (const value of valuesFor(c.name, p))
      out.push({
        call: { command: c.name, parameters: { [p.name]: value } },
        succeeds: accepts(p, value),
        because: `${c.name} -${p.name} '${value}' against the claimed constraint`,
      });
  }
  // An unlisted parameter: a real one of the command when the vocabulary has one, else a made-up
  // name (not on Write-Output, whose InputObject takes remaining arguments: `-X x` become values).
  const vocabulary = Object.entries(VOCABULARY).find(([k]) => lower(k) === lower(c.name))?.[1] ?? {};
  const unlisted = Object.entries(vocabulary).find(([k]) => !c.parameters!.some((p) => lower(p.name) === lower(k)));
  if (unlisted)
    out.push({
      call: { command: c.name, parameters: { [unlisted[0]]: unlisted[1].values[0] } },
      succeeds: false,
      because: `${c.name} -${unlisted[0]} is not a listed parameter`,
    });
  else if (lower(c.name) !== 'write-output')
    out.push({
      call: { command: c.name, parameters: { JeajitUnlisted: 'x' } },
      succeeds: false,
      because: `${c.name} -JeajitUnlisted is not a listed parameter`,
    });
  // The command itself by its module-qualified name, with what the proxy refuses: only a command
  // also listed bare lets it through.
  const refusedValue = c.parameters
    .map((p) => [p.name, valuesFor(c.name, p).pop()!] as const)
    .find(
      ([name, value]) =>
        !accepts(
          c.parameters!.find((p) => p.name === name)!,
          value,
        ),
    );
  const probe = refusedValue ?? (unlisted ? ([unlisted[0], unlisted[1].values[0]] as const) : undefined);
  if (probe) {
    out.push({
      call: { command: c.name, parameters: { [probe[0]]: probe[1] }, qualify: true },
      succeeds: !!c.alsoUnconstrained,
      because: `${c.name} by its module-qualified name ${c.alsoUnconstrained ? 'is also public unconstrained' : 'is not public'}`,
    });
  }
  return out;
}

/**
 * Every call that tests what `ours` claims: allowed calls, values outside sets, unlisted
 * parameters and commands, script under NoLanguage, module-qualified names. The session type's
 * own commands (the same in every session) are probed only with `defaults`: some of them are slow.
 */
export function expectedCalls(ours: EffectiveResult, options: { defaults?: boolean } = {}): ExpectedCall[] {
  const r = ours.rights;
  const mine = [...r.visibleCmdlets, ...r.visibleFunctions];
  const defaults = new Set(RESTRICTED_REMOTE_SERVER_COMMANDS);
  const out = mine.filter((c) => options.defaults || !defaults.has(lower(c.name))).flatMap(callsFor);
  const listed = (name: string) => mine.some((m) => wildcardMatch(m.name.slice(m.name.lastIndexOf('\\') + 1), name));
  const absent = Object.keys(VOCABULARY).find((k) => !listed(k));
  if (absent) out.push({ call: { command: absent }, succeeds: false, because: `${absent} is not listed` });
  if (r.languageMode === 'NoLanguage')
    out.push({ call: { script: '1 + 1' }, succeeds: false, because: 'script syntax under NoLanguage' });
  return out;
}

/** The calls whose outcome differs from the claim, in words (calls the harness did not make are left out). */
export function enforcementDifferences(
  expected: readonly ExpectedCall[],
  actual: readonly EngineCall[] | undefined,
): string[] {
  if (!actual || actual.length !== expected.length)
    return [`the engine answered ${actual?.length ?? 0} of ${expected.length} calls`];
  return expected.flatMap((e, i) => {
    const a = actual[i];
    if ('skipped' in a) return [];
    return e.succeeds === a.ok
      ? []
      : [
          `${JSON.stringify(e.call)}: ${e.because}, so it should ${e.succeeds ? 'succeed' : 'fail'}; the engine ${a.ok ? 'ran it' : `refused it (${a.error.split('\n')[0]})`}`,
        ];
  });
}

/** How many calls the engine really made (not skipped by the harness). */
export function madeCalls(actual: readonly EngineCall[] | undefined): number {
  return (actual ?? []).filter((a) => !('skipped' in a)).length;
}
