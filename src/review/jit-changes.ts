import { ActivationPolicy } from '../jit/model';
import { JitEntry, PolicySet } from '../policy/policy-set';

/** One changed JIT setting: what, where, before and after (absent when added or removed). */
export interface JitChange {
  /** The construct path of the JIT declaration. */
  readonly name: string;
  /** `ports[3389/TCP].maxRequestAccessDuration`, `activation.approval`, ... */
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

/** Compares the VM JIT policies, PIM eligibilities and group eligibilities of two policy sets, field by field. */
export function jitChanges(base: PolicySet, head: PolicySet): JitChange[] {
  return [
    ...compareEntries(base.vmJit, head.vmJit, (m) =>
      Object.fromEntries(
        m.virtualMachines.flatMap((vm) =>
          vm.ports.flatMap((p) => {
            const where = `${vm.id.split('/').pop()} ports[${p.number}/${p.protocol}]`;
            return [
              [`${where}.maxRequestAccessDuration`, p.maxRequestAccessDuration],
              [`${where}.allowedSourceAddressPrefixes`, [...p.allowedSourceAddressPrefixes].sort().join(', ')],
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
    'activation.approval': a.approval ? `required (${a.approval.approvers.map((x) => `${x.type} ${x.objectId}`).join(', ')})` : 'not required',
    'activation.mfa': a.conditionalAccessContext ? `context ${a.conditionalAccessContext}` : a.requireMfa ? 'required' : 'not required',
    'activation.justification': a.requireJustification === false ? 'not required' : 'required',
    'activation.ticket': a.requireTicketInfo ? 'required' : 'not required',
  };
}

function compareEntries<T>(base: readonly JitEntry<T>[], head: readonly JitEntry<T>[], fields: (model: T) => Record<string, string>): JitChange[] {
  const out: JitChange[] = [];
  const names = [...new Set([...base, ...head].map((e) => e.name))].sort();
  for (const name of names) {
    const b = base.find((e) => e.name === name);
    const h = head.find((e) => e.name === name);
    const before = b ? fields(b.model) : {};
    const after = h ? fields(h.model) : {};
    for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      if (before[field] === after[field]) continue;
      out.push({ name, field, ...(field in before ? { before: before[field] } : {}), ...(field in after ? { after: after[field] } : {}) });
    }
  }
  return out;
}
