/**
 * What the engine says a user can run (test/engine/ps/effective.ps1), and its comparison with
 * `effectiveRights`. The engine's public commands are read from the opened runspace: proxies
 * (functions made by ProxyCommand.Create) with their parameters and validation attributes,
 * cmdlets and functions that are public as themselves, aliases, applications and providers.
 */
import { EffectiveCommand, EffectiveParameter } from '../../src/effective/merge';
import { EffectiveResult } from '../../src/effective/effective';
import { wildcardMatch } from '../../src/jea/wildcard';
import { StubRequest } from './engine-estate';
import { runPwsh, runPwshAsync } from './pwsh';

/** A public command of an engine session. */
export interface EngineCommand {
  readonly name: string;
  /** `Alias`, `Cmdlet`, `Function`, `Application`, `ExternalScript`, or another CommandTypes name. */
  readonly type: string;
  readonly module: string;
  readonly target?: string;
  /** For proxies: the command they wrap. */
  readonly proxyOf?: string;
  readonly parameters?: readonly {
    name: string;
    validateSet?: string[];
    validatePattern?: string;
    patternOptions?: string;
  }[];
}

/** The result of one call made in the session, or why the harness did not make it. */
export type EngineCall = { ok: true; output: string[] } | { ok: false; error: string } | { ok: false; skipped: string };

/** What the engine built for one case, or why it refused. */
export type EngineSession =
  | {
      ok: true;
      languageMode: string;
      commands: EngineCommand[];
      applications: string[];
      scripts: string[];
      providers: string[];
      /** Every provider and alias of the session, public or not. */
      allProviders: string[];
      allAliases: string[];
      calls?: EngineCall[];
    }
  | { ok: false; error: string };

/** One question for the engine: a .pssc, the module path, the principals the user is, calls to make. */
export interface EngineCase {
  readonly id: string;
  readonly pssc: string;
  readonly modulePath: string;
  readonly principals: readonly string[];
  readonly calls?: readonly (
    { command: string; parameters?: Record<string, unknown>; qualify?: boolean } | { script: string }
  )[];
}

/** Asks the engine about many cases in one pwsh process. */
export function engineSessions(
  cases: readonly EngineCase[],
  stubs: readonly StubRequest[],
  stubRoot: string,
): Record<string, EngineSession> {
  const answer = runPwsh<{ results: Record<string, EngineSession> }>('effective.ps1', { stubRoot, stubs, cases });
  for (const c of cases) if (!answer.results[c.id]) throw new Error(`the engine gave no answer for ${c.id}`);
  return answer.results;
}

/**
 * {@link engineSessions} over `processes` pwsh processes at once (building a session costs about a
 * second of CPU, so hundreds of cases use both cores). The stubs are written first, once.
 */
export async function engineSessionsInParallel(
  cases: readonly EngineCase[],
  stubs: readonly StubRequest[],
  stubRoot: string,
  processes = 2,
): Promise<Record<string, EngineSession>> {
  runPwsh('effective.ps1', { stubRoot, stubs, cases: [] });
  const chunks = Array.from({ length: processes }, (_, i) => cases.filter((_, j) => j % processes === i));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      runPwshAsync<{ results: Record<string, EngineSession> }>(
        'effective.ps1',
        { stubRoot, stubs, stubsReady: true, cases: chunk },
        { timeout: 1800000 },
      ),
    ),
  );
  const results = Object.assign({}, ...answers.map((a) => a.results)) as Record<string, EngineSession>;
  for (const c of cases) if (!results[c.id]) throw new Error(`the engine gave no answer for ${c.id}`);
  return results;
}

/** The originals the engine renames when it wraps a function: `Name_<32 hex digits>`. */
const RENAMED = /^(.*)_[0-9a-f]{32}$/;

const lower = (s: string) => s.toLowerCase();
const unqualified = (n: string) => n.slice(n.lastIndexOf('\\') + 1);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => lower(y) === lower(x)));

/** Whether the engine's joined pattern is `^(p1|p2|...)$` of ours, in some order. */
function samePattern(engine: string | undefined, ours: readonly string[] | undefined): boolean {
  if (engine === undefined || ours === undefined) return engine === undefined && ours === undefined;
  const orders = (xs: readonly string[]): string[][] =>
    xs.length <= 1
      ? [[...xs]]
      : xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
  // The session type's own proxies carry patterns written as `^...$` (Get-Help -Name).
  if (ours.length === 1 && engine === `^${ours[0]}$`) return true;
  return ours.length <= 5 && orders(ours).some((o) => engine === `^(${o.join('|')})$`);
}

function parameterDifference(
  command: string,
  ours: readonly EffectiveParameter[],
  engine: NonNullable<EngineCommand['parameters']>,
): string[] {
  const out: string[] = [];
  for (const p of engine) {
    const mine = ours.find((x) => lower(x.name) === lower(p.name));
    if (!mine) {
      out.push(`${command} -${p.name}: the engine allows the parameter, we do not`);
      continue;
    }
    if (!(p.validateSet ? !!mine.validateSet && sameSet(p.validateSet, mine.validateSet) : !mine.validateSet))
      out.push(
        `${command} -${p.name}: ValidateSet engine ${JSON.stringify(p.validateSet)}, ours ${JSON.stringify(mine.validateSet)}`,
      );
    if (!samePattern(p.validatePattern, mine.validatePattern))
      out.push(
        `${command} -${p.name}: ValidatePattern engine ${JSON.stringify(p.validatePattern)}, ours ${JSON.stringify(mine.validatePattern)}`,
      );
    if (p.validatePattern !== undefined && p.patternOptions !== 'IgnoreCase')
      out.push(`${command} -${p.name}: the engine's pattern options are ${p.patternOptions}`);
  }
  for (const p of ours)
    if (!engine.some((x) => lower(x.name) === lower(p.name)))
      out.push(`${command} -${p.name}: we allow the parameter, the engine does not`);
  return out;
}

/** Whether a bare entry of ours (a name or wildcard, maybe module-qualified) covers an engine command. */
function covers(entry: EffectiveCommand, command: EngineCommand): boolean {
  const slash = entry.name.lastIndexOf('\\');
  if (slash >= 0 && !wildcardMatch(entry.name.slice(0, slash), command.module)) return false;
  return wildcardMatch(unqualified(entry.name), command.name);
}

/**
 * Every difference between our effective rights and the engine's session, in words; empty when
 * they agree. Commands are compared by name across VisibleCmdlets and VisibleFunctions (the
 * engine treats both lists alike); wildcard entries of ours cover what they match.
 */
export function rightsDifferences(ours: EffectiveResult, engine: EngineSession): string[] {
  if (!engine.ok) return ours.sessionFails ? [] : [`the engine refuses the session (${engine.error}); we do not`];
  if (ours.sessionFails) return [`we say the session fails (${ours.sessionFails}); the engine builds it`];
  const out: string[] = [];
  const r = ours.rights;
  if (engine.languageMode !== r.languageMode)
    out.push(`language mode: engine ${engine.languageMode}, ours ${r.languageMode}`);
  const mine = [...r.visibleCmdlets, ...r.visibleFunctions];
  const commands = engine.commands.filter((c) => c.type === 'Cmdlet' || c.type === 'Function');
  for (const c of commands) {
    const renamed = RENAMED.exec(c.name);
    if (renamed) {
      if (!mine.some((m) => lower(unqualified(m.name)) === lower(renamed[1]) && m.alsoUnconstrained))
        out.push(`${c.name}: the engine makes the wrapped original of ${renamed[1]} public; we do not say so`);
      continue;
    }
    if (c.proxyOf) {
      const entry = mine.find((m) => lower(m.name) === lower(c.name) && m.parameters);
      if (!entry)
        out.push(
          `${c.name}: the engine constrains it (a proxy), we ${mine.some((m) => covers(m, c)) ? 'leave it unconstrained' : 'do not list it'}`,
        );
      else out.push(...parameterDifference(c.name, entry.parameters!, c.parameters ?? []));
      continue;
    }
    const shadowed = commands.some((p) => p.proxyOf && lower(p.name) === lower(c.name));
    const ok = shadowed
      ? mine.some((m) => lower(unqualified(m.name)) === lower(c.name) && m.alsoUnconstrained)
      : mine.some((m) => !m.parameters && covers(m, c));
    if (!ok)
      out.push(
        `${c.name} (${c.type}${c.module ? ` of ${c.module}` : ''}): public in the engine${shadowed ? ' next to its proxy' : ''}, not in ours`,
      );
  }
  for (const m of mine) {
    if (/[*?[]/.test(m.name)) continue;
    if (m.parameters) {
      if (!commands.some((c) => c.proxyOf && lower(c.name) === lower(m.name)))
        out.push(`${m.name}: we list it constrained, the engine has no such proxy`);
      if (
        m.alsoUnconstrained &&
        !commands.some(
          (c) =>
            !c.proxyOf &&
            (lower(c.name) === lower(unqualified(m.name)) ||
              lower(RENAMED.exec(c.name)?.[1] ?? '') === lower(unqualified(m.name))),
        )
      ) {
        out.push(`${m.name}: we say it is also public unconstrained, the engine does not`);
      }
    } else if (!commands.some((c) => covers(m, c)))
      out.push(`${m.name}: we list it, the engine does not make it public`);
  }
  const aliases = engine.commands.filter((c) => c.type === 'Alias');
  for (const a of aliases)
    if (!r.visibleAliases.some((x) => wildcardMatch(x, a.name)))
      out.push(`alias ${a.name}: public in the engine, not in ours`);
  const exists = (list: readonly string[], name: string) => list.some((x) => lower(x) === lower(name));
  for (const a of r.visibleAliases)
    if (!/[*?[]/.test(a) && exists(engine.allAliases, a) && !aliases.some((x) => lower(x.name) === lower(a)))
      out.push(`alias ${a}: ours, not public in the engine`);
  if (!sameSet(engine.applications, r.visibleExternalCommands))
    out.push(
      `external commands: engine ${JSON.stringify(engine.applications)}, ours ${JSON.stringify(r.visibleExternalCommands)}`,
    );
  for (const p of engine.providers)
    if (!r.visibleProviders.some((x) => wildcardMatch(x, p)))
      out.push(`provider ${p}: public in the engine, not in ours`);
  for (const p of r.visibleProviders)
    if (!/[*?[]/.test(p) && exists(engine.allProviders, p) && !exists(engine.providers, p))
      out.push(`provider ${p}: ours, not public in the engine`);
  return out;
}
