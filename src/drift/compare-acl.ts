import { EndpointAclModel, endpointSecurityDescriptor, SidResolver } from '../acl/endpoint-acl';
import { WELL_KNOWN_NAMES } from '../acl/sid';
import { Ace, aceKey, formatAce, formatSddl, parseSddl, SecurityDescriptor } from '../acl/sddl';
import { canonicalCondition } from './ace-condition';
import { KindedChange } from './finding';
import { keyStep } from './semantic';

/** The path of the security descriptor in findings. */
export const SDDL_PATH = 'SecurityDescriptorSddl';

const UNRESOLVED = '?';

/**
 * Compares an endpoint's declared ACL with the SDDL registered on a host, as sets of DACL ACEs
 * (order, SID aliases, spacing and the spelling of conditions do not count). Names resolve
 * through the snapshot's principals; a name that did not resolve is a `principal-unresolved`
 * finding, and the ACEs naming it are not also reported as removed. A missing or malformed SDDL
 * is a `changed-field` of `SecurityDescriptorSddl`.
 */
export function compareAcl(
  acl: EndpointAclModel,
  actualSddl: string | null,
  principals: Readonly<Record<string, string | null>>,
): KindedChange[] {
  const folded = new Map<string, string | null>();
  for (const [k, v] of Object.entries(principals)) folded.set(k.toLowerCase(), v);
  const unresolved = new Set<string>();
  const resolve: SidResolver = (text, parsed) => {
    if (parsed.kind === 'sid') return parsed.sid;
    if (parsed.wellKnownSid) return parsed.wellKnownSid;
    const sid = folded.get(text.toLowerCase());
    if (sid) return sid;
    unresolved.add(text);
    return `${UNRESOLVED}${text}`;
  };
  const expected = endpointSecurityDescriptor(acl, resolve);
  const out: KindedChange[] = [...unresolved].map((name) => ({
    kind: 'principal-unresolved' as const,
    change: { path: keyStep('Principals', name), declared: name, actual: null },
  }));
  let actual: SecurityDescriptor;
  try {
    if (actualSddl === null) throw new Error('no SDDL');
    actual = parseSddl(actualSddl);
  } catch {
    out.push({
      kind: 'changed-field',
      change: { path: SDDL_PATH, declared: formatSddl(expected), actual: actualSddl },
    });
    return out;
  }
  const names = trusteeNames(principals);
  const exp = aceMap(expected.dacl?.aces ?? []);
  const act = aceMap(actual.dacl?.aces ?? []);
  for (const [key, ace] of exp) {
    if (act.has(key) || ace.sid.startsWith(UNRESOLVED) || (ace.condition ?? '').includes(UNRESOLVED)) continue;
    out.push({
      kind: 'ace-removed',
      change: { path: keyStep(SDDL_PATH, names.get(ace.sid) ?? ace.sid), declared: formatAce(ace), actual: null },
    });
  }
  for (const [key, ace] of act) {
    if (!exp.has(key))
      out.push({
        kind: 'ace-added',
        change: { path: keyStep(SDDL_PATH, names.get(ace.sid) ?? ace.sid), declared: null, actual: formatAce(ace) },
      });
  }
  return out;
}

function aceMap(aces: readonly Ace[]): Map<string, Ace> {
  const map = new Map<string, Ace>();
  for (const ace of aces)
    map.set(aceKey(ace.condition === undefined ? ace : { ...ace, condition: canonicalCondition(ace.condition) }), ace);
  return map;
}

/** SID -> a name for paths: the snapshot's principals, then well-known names. */
function trusteeNames(principals: Readonly<Record<string, string | null>>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, sid] of Object.entries(WELL_KNOWN_NAMES)) if (!names.has(sid)) names.set(sid, name);
  for (const [name, sid] of Object.entries(principals)) if (sid) names.set(sid.toUpperCase(), name);
  return names;
}
