import { effectiveRights } from '../effective/effective';
import { EffectiveCommand, EffectiveParameter, mergeCapabilities, MergedCapabilities } from '../effective/merge';
import { sessionDefaults } from '../effective/session-defaults';
import { EndpointEntry } from '../policy/policy-set';
import { commandText, constraintText } from '../report/effective-text';
import { Danger } from '../danger/classes';
import { commandDangers, DangerContext, externalDangers } from '../danger/classify';
import { effectiveGrant } from '../danger/grant';

/** One right gained or lost, in words a reviewer reads (`Restart-Service -Name: + Spooler`). */
export interface RightChange {
  readonly kind: 'command' | 'parameter' | 'value' | 'external-command' | 'alias' | 'provider' | 'script';
  /** The command (for command, parameter and value changes). */
  readonly command?: string;
  readonly text: string;
  /** The dangerous capabilities this change adds (src/danger), with why and what would be safe. */
  readonly dangers?: readonly Danger[];
}

/** What one principal gains and loses on one endpoint. */
export interface RightsDelta {
  readonly endpoint: string;
  readonly principal: string;
  readonly gained: readonly RightChange[];
  readonly lost: readonly RightChange[];
}

/**
 * The rights each principal gains and loses on an endpoint between two versions, computed with
 * the effective-rights engine: a change in one role shows as the rights that really changed for
 * every principal holding it (RequiredGroups and the ACL are reviewed separately).
 */
export function rightsDelta(
  name: string,
  base: EndpointEntry | undefined,
  head: EndpointEntry | undefined,
): RightsDelta[] {
  const principals = new Map<string, string>();
  for (const ep of [base, head])
    for (const [p] of ep?.model.roleDefinitions ?? [])
      if (!principals.has(p.toLowerCase())) principals.set(p.toLowerCase(), p);
  const out: RightsDelta[] = [];
  // A principal with no entry has what the session type gives anyone who connects: its gains and
  // losses are counted from there, so the session's own commands are never listed as rights.
  const baseline = { base: sessionOnly((base ?? head)!), head: sessionOnly((head ?? base)!) };
  const scriptIn = (ep: EndpointEntry | undefined) =>
    !!ep && sessionDefaults(ep.model, []).languageMode !== 'NoLanguage';
  for (const principal of [...principals.values()].sort()) {
    const rightsIn = (ep: EndpointEntry | undefined, none: MergedCapabilities) => {
      const r = ep && effectiveRights(ep, principal, [], { ignoreRequiredGroups: true });
      return r && r.matchedPrincipals.length ? r.rights : none;
    };
    const before = rightsIn(base, baseline.base);
    const after = rightsIn(head, baseline.head);
    const gained = withDangers(changes(before, after), before, after, {
      before: { allowsScript: scriptIn(base), providers: before.visibleProviders },
      after: { allowsScript: scriptIn(head), providers: after.visibleProviders },
    });
    const lost = changes(after, before);
    if (gained.length || lost.length) out.push({ endpoint: name, principal, gained, lost });
  }
  return out;
}

/** What a session of this endpoint's type offers before any role (RestrictedRemoteServer's proxies, ...). */
function sessionOnly(endpoint: EndpointEntry): MergedCapabilities {
  return mergeCapabilities([], sessionDefaults(endpoint.model, []).blocks);
}

/**
 * The gains with the dangers they add: each command's dangers in HEAD that it did not have in
 * BASE (by class, parameter, value and whether latent), put on the change of the parameter that
 * carries each, else on the command's first change; dangers of a command that did not change,
 * made real by a provider the change shows, go on that provider's line. An external command's
 * dangers go on its own line.
 */
function withDangers(
  gained: RightChange[],
  from: MergedCapabilities,
  to: MergedCapabilities,
  ctx: { before: DangerContext; after: DangerContext },
): RightChange[] {
  const commands = (caps: MergedCapabilities) => [...caps.visibleCmdlets, ...caps.visibleFunctions];
  const key = (d: Danger) => `${d.class}|${d.parameter ?? ''}|${d.value ?? ''}|${d.latent ?? ''}`.toLowerCase();
  const assigned = new Map<RightChange, Danger[]>();
  const give = (change: RightChange | undefined, d: Danger) =>
    change && assigned.set(change, [...(assigned.get(change) ?? []), d]);
  const providerLine = gained.find((c) => c.kind === 'provider');
  for (const now of commands(to)) {
    const name = now.name.toLowerCase();
    const then = commands(from).find((c) => c.name.toLowerCase() === name);
    const had = new Set(then ? commandDangers(effectiveGrant(then), ctx.before).map(key) : []);
    const mine = gained.filter((c) => c.command?.toLowerCase() === name);
    for (const d of commandDangers(effectiveGrant(now), ctx.after).filter((x) => !had.has(key(x)))) {
      give(
        (d.parameter && mine.find((c) => c.text.toLowerCase().includes(`-${d.parameter!.toLowerCase()}`))) ||
          mine[0] ||
          providerLine,
        d,
      );
    }
  }
  return gained.map((change) => {
    const dangers = change.kind === 'external-command' ? externalDangers(change.text) : (assigned.get(change) ?? []);
    return dangers.length ? { ...change, dangers } : change;
  });
}

/** What `to` allows that `from` does not. */
function changes(from: MergedCapabilities, to: MergedCapabilities): RightChange[] {
  const out: RightChange[] = [];
  for (const list of ['visibleCmdlets', 'visibleFunctions'] as const) {
    for (const cmd of to[list]) {
      const old = from[list].find((c) => c.name.toLowerCase() === cmd.name.toLowerCase());
      if (!old) out.push({ kind: 'command', command: cmd.name, text: commandText(cmd) });
      else out.push(...commandWidening(old, cmd));
    }
  }
  const sets = [
    ['visibleExternalCommands', 'external-command'],
    ['visibleAliases', 'alias'],
    ['visibleProviders', 'provider'],
    ['scriptsToProcess', 'script'],
  ] as const;
  for (const [list, kind] of sets) {
    for (const item of to[list])
      if (!from[list].some((x) => x.toLowerCase() === item.toLowerCase())) out.push({ kind, text: item });
  }
  return out;
}

/** What `to` allows of one command that `from` does not (a command also public unconstrained allows everything). */
function commandWidening(from: EffectiveCommand, to: EffectiveCommand): RightChange[] {
  const open = (c: EffectiveCommand) => !c.parameters || !!c.alsoUnconstrained;
  if (open(to))
    return open(from)
      ? []
      : [{ kind: 'parameter', command: to.name, text: `${to.name}: any parameters (was ${commandText(from)})` }];
  if (open(from)) return [];
  const out: RightChange[] = [];
  for (const p of to.parameters!) {
    const old = from.parameters!.find((x) => x.name.toLowerCase() === p.name.toLowerCase());
    if (!old) out.push({ kind: 'parameter', command: to.name, text: `${to.name} -${p.name}${constraintText(p)}` });
    else out.push(...valueWidening(to.name, old, p));
  }
  return out;
}

/**
 * What `to` accepts for one parameter that `from` does not. A set and a pattern together accept
 * what passes both; values are compared as sets, patterns as alternatives.
 */
function valueWidening(command: string, from: EffectiveParameter, to: EffectiveParameter): RightChange[] {
  const at = `${command} -${to.name}`;
  const free = (p: EffectiveParameter) => !p.validateSet && !p.validatePattern;
  if (free(to))
    return free(from) ? [] : [{ kind: 'value', command, text: `${at}: any value (was${constraintText(from)})` }];
  if (free(from)) return [];
  const sameKind = !!to.validateSet === !!from.validateSet && !!to.validatePattern === !!from.validatePattern;
  if (!sameKind) return [{ kind: 'value', command, text: `${at}:${constraintText(to)} (was${constraintText(from)})` }];
  const out: RightChange[] = [];
  for (const v of to.validateSet ?? [])
    if (!from.validateSet!.some((x) => x.toLowerCase() === v.toLowerCase()))
      out.push({ kind: 'value', command, text: `${at}: ${v}` });
  for (const p of to.validatePattern ?? [])
    if (!from.validatePattern!.includes(p)) out.push({ kind: 'value', command, text: `${at}: values matching /${p}/` });
  return out;
}
