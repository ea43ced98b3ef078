import { ActivationPolicy } from '../jit/model';
import { JitEntry, PolicySet } from '../policy/policy-set';

/** One changed JIT setting: what, where, before and after (absent when added or removed). */
export interface JitChange {
  /** The construct path of the JIT declaration. */
  readonly name: string;
  /** `maxRequestAccessDuration`, `activation.approval`, ... */
  readonly field: string;
  /** For a VM JIT port: the VM and port (`vm-dc01 3389/TCP`). */
  readonly place?: string;
  readonly before?: string;
  readonly after?: string;
}

/** Separates a VM JIT port's place from its setting in the compared keys. */
const PLACE = '\u0000';

/** Compares the VM JIT policies, PIM eligibilities and group eligibilities of two policy sets, field by field. */
export function jitChanges(base: PolicySet, head: PolicySet): JitChange[] {
  return [
    ...compareEntries(base.vmJit, head.vmJit, (m) =>
      Object.fromEntries(
        m.virtualMachines.flatMap((vm) =>
          vm.ports.flatMap((p) => {
            const where = `${vm.id.split('/').pop()} ${p.number}/${p.protocol}`;
            return [
              [`${where}${PLACE}maxRequestAccessDuration`, p.maxRequestAccessDuration],
              [`${where}${PLACE}allowedSourceAddressPrefixes`, [...p.allowedSourceAddressPrefixes].sort().join(', ')],
            ];
          }),
        ),
      ),
    ),
    ...compareEntries(base.pim, head.pim, (m) => ({
      role: m.roleName ?? m.roleDefinitionGuid,
      scope: m.scope,
      principalId: m.principalId,
      expiry: m.expiry,
      ...activationFields(m.activation),
    })),
    ...compareEntries(base.groups, head.groups, (m) => ({
      groupId: m.groupId,
      principalIds: [...m.principalIds].sort().join(', '),
      expiry: m.expiry,
      ...activationFields(m.activation),
    })),
  ];
}

function activationFields(a: ActivationPolicy): Record<string, string> {
  return {
    'activation.maximumDuration': a.maximumDuration,
    'activation.approval': a.approval
      ? `required (${a.approval.approvers.map((x) => `${x.type} ${x.objectId}`).join(', ')})`
      : 'not required',
    'activation.mfa': a.conditionalAccessContext
      ? `context ${a.conditionalAccessContext}`
      : a.requireMfa
        ? 'required'
        : 'not required',
    'activation.justification': a.requireJustification === false ? 'not required' : 'required',
    'activation.ticket': a.requireTicketInfo ? 'required' : 'not required',
  };
}

function compareEntries<T>(
  base: readonly JitEntry<T>[],
  head: readonly JitEntry<T>[],
  fields: (model: T) => Record<string, string>,
): JitChange[] {
  const out: JitChange[] = [];
  const names = [...new Set([...base, ...head].map((e) => e.name))].sort();
  for (const name of names) {
    const b = base.find((e) => e.name === name);
    const h = head.find((e) => e.name === name);
    const before = b ? fields(b.model) : {};
    const after = h ? fields(h.model) : {};
    for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      if (before[field] === after[field]) continue;
      const [place, setting] = field.includes(PLACE) ? field.split(PLACE) : [undefined, field];
      out.push({
        name,
        field: setting,
        ...(place ? { place } : {}),
        ...(field in before ? { before: before[field] } : {}),
        ...(field in after ? { after: after[field] } : {}),
      });
    }
  }
  return out;
}

/** Changes of one declaration that set one field from the same value to the same value, on every place they happen. */
export interface JitChangeGroup {
  readonly name: string;
  readonly field: string;
  /** `vm1 (3389/TCP, 22/TCP), vm2 (3389/TCP)`, or empty for a declaration-wide field. */
  readonly places: string;
  readonly before?: string;
  readonly after?: string;
}

/** Groups VM JIT changes: one line per declaration and change, naming its VMs and ports, not one per port. */
export function groupJitChanges(changes: readonly JitChange[]): JitChangeGroup[] {
  const groups = new Map<string, { change: JitChange; vms: Map<string, string[]> }>();
  for (const c of changes) {
    const key = JSON.stringify([c.name, c.field, c.before ?? null, c.after ?? null]);
    const g = groups.get(key) ?? { change: c, vms: new Map<string, string[]>() };
    groups.set(key, g);
    if (!c.place) continue;
    const [vm, port] = c.place.split(' ');
    g.vms.set(vm, [...(g.vms.get(vm) ?? []), port]);
  }
  return [...groups.values()].map(({ change: { name, field, before, after }, vms }) => ({
    name,
    field,
    places: [...vms].map(([vm, ports]) => `${vm} (${ports.join(', ')})`).join(', '),
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  }));
}
