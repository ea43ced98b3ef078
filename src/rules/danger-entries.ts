/**
 * The dangers (src/danger) of every command, external command and alias a policy makes visible,
 * each with the block and path it was declared at, for the rules that report them by severity
 * (JEA001 errors, JEA019 lateral movement).
 */
import { Danger } from '../danger/classes';
import { commandDangers, DangerContext, externalDangers } from '../danger/classify';
import { BUILTIN_ALIASES } from '../danger/facts';
import { declaredGrant } from '../danger/grant';
import { mergeCapabilities, neverPublicByName } from '../effective/merge';
import { sessionDefaults } from '../effective/session-defaults';
import { CapabilityModel } from '../jea/model';
import { hasWildcard } from '../jea/wildcard';
import { PolicySet } from '../policy/policy-set';
import { Psd1PathStep } from '../psd1';
import {
  CapabilityBlock,
  capabilityBlocks,
  commandName,
  forEachCommand,
  principalScopes,
  splitCommand,
} from './helpers';

/** The dangers of one visible entry. */
export interface EntryDangers {
  readonly block: CapabilityBlock;
  /** The entry's path in the block (`['VisibleCmdlets', 2, 'Name']`). */
  readonly path: readonly Psd1PathStep[];
  /** `VisibleCmdlets 'Stop-Process'`. */
  readonly what: string;
  readonly dangers: readonly Danger[];
  /** For a function listed by bare name: it may be the role's own proxy, which a module-qualified name tells apart. */
  readonly bareFunction?: string;
}

/**
 * What each block's holders have around it: whether any holder's session takes script (a
 * language mode other than NoLanguage) and the providers any holder sees, merged the way the
 * engine merges them (src/effective). A role no endpoint uses is judged as RestrictedRemoteServer
 * runs it: NoLanguage, with its own providers only.
 */
export function dangerContexts(policy: PolicySet): (model: CapabilityModel) => DangerContext {
  let cached = contextCache.get(policy);
  if (!cached) contextCache.set(policy, (cached = holderContexts(policy)));
  return cached;
}

/** The contexts of a policy set, computed once per set: the rules that need them run on the same set. */
const contextCache = new WeakMap<PolicySet, (model: CapabilityModel) => DangerContext>();

function holderContexts(policy: PolicySet): (model: CapabilityModel) => DangerContext {
  const out = new Map<CapabilityModel, { allowsScript: boolean; providers: Set<string> }>();
  for (const scope of principalScopes(policy)) {
    const models = scope.blocks.map((b) => b.model);
    const session = sessionDefaults(scope.endpoint.model ?? {}, models);
    const merged = mergeCapabilities(models, session.blocks);
    for (const m of models) {
      const ctx = out.get(m) ?? { allowsScript: false, providers: new Set<string>() };
      ctx.allowsScript ||= session.languageMode !== 'NoLanguage';
      merged.visibleProviders.forEach((p) => ctx.providers.add(p));
      out.set(m, ctx);
    }
  }
  return (model) => {
    const ctx = out.get(model);
    return ctx
      ? { allowsScript: ctx.allowsScript, providers: [...ctx.providers] }
      : { allowsScript: false, providers: model.visibleProviders ?? [] };
  };
}

/** Every visible entry of a policy with the dangers it carries: lateral movement (JEA019), or every other class (JEA001). */
export function entryDangers(policy: PolicySet, lateral: boolean): EntryDangers[] {
  let all = entryCache.get(policy);
  if (!all) entryCache.set(policy, (all = classifyEntries(policy)));
  return all.flatMap((e) => {
    const dangers = e.dangers.filter((d) => (d.class === 'lateral-movement') === lateral);
    return dangers.length ? [{ ...e, dangers }] : [];
  });
}

/** Each policy set's entries classified once, for JEA001 and JEA019 both. */
const entryCache = new WeakMap<PolicySet, EntryDangers[]>();

function classifyEntries(policy: PolicySet): EntryDangers[] {
  const contexts = dangerContexts(policy);
  const out: EntryDangers[] = [];
  for (const block of capabilityBlocks(policy)) {
    const m = block.model;
    const ctx = contexts(m);
    const definedFunctions = new Set((m.functionDefinitions ?? []).map((f) => f.name.toLowerCase()));
    const definedAliases = new Set((m.aliasDefinitions ?? []).map((a) => a.name.toLowerCase()));
    forEachCommand(m, (entry, list, i) => {
      const name = commandName(entry);
      if (!name || hasWildcard(name)) return;
      const { module, command } = splitCommand(name);
      if (list === 'VisibleFunctions' && definedFunctions.has(command.toLowerCase())) return;
      if (typeof entry === 'string' && list === 'VisibleCmdlets' && neverPublicByName(name)) return;
      const dangers = commandDangers(declaredGrant(entry), ctx);
      if (!dangers.length) return;
      out.push({
        block,
        path: typeof entry === 'string' ? [list, i] : [list, i, 'Name'],
        what: `${list} '${name}'`,
        dangers,
        ...(list === 'VisibleFunctions' && module === undefined ? { bareFunction: command } : {}),
      });
    });
    (m.visibleExternalCommands ?? []).forEach((path, i) => {
      if (hasWildcard(path)) return;
      const dangers = externalDangers(path);
      if (dangers.length)
        out.push({ block, path: ['VisibleExternalCommands', i], what: `VisibleExternalCommands '${path}'`, dangers });
    });
    (m.visibleAliases ?? []).forEach((alias, i) => {
      const target = BUILTIN_ALIASES[alias.toLowerCase()];
      if (hasWildcard(alias) || definedAliases.has(alias.toLowerCase()) || !target) return;
      const dangers = commandDangers({ name: target }, ctx);
      if (dangers.length)
        out.push({ block, path: ['VisibleAliases', i], what: `VisibleAliases '${alias}' (${target})`, dangers });
    });
    (m.aliasDefinitions ?? []).forEach((alias, i) => {
      if (!alias.value) return;
      const dangers = [...commandDangers({ name: alias.value }, ctx), ...externalDangers(alias.value)];
      if (dangers.length)
        out.push({
          block,
          path: ['AliasDefinitions', i, 'Value'],
          what: `AliasDefinitions '${alias.name}' (${alias.value})`,
          dangers,
        });
    });
  }
  return out;
}
