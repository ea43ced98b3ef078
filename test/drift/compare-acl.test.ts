import { EndpointAclModel, endpointSddl, tableResolver } from '../../src/acl/endpoint-acl';
import { canonicalCondition } from '../../src/drift/ace-condition';
import { compareAcl } from '../../src/drift/compare-acl';

const SIDS = {
  'CONTOSO\\Ops': 'S-1-5-21-1004336348-1177238915-682003330-1104',
  'CONTOSO\\Contractors': 'S-1-5-21-1004336348-1177238915-682003330-1105',
  'CONTOSO\\SmartCard': 'S-1-5-21-1004336348-1177238915-682003330-1106',
  'CONTOSO\\MFA': 'S-1-5-21-1004336348-1177238915-682003330-1107',
};
const ACL: EndpointAclModel = {
  entries: [
    { principal: 'CONTOSO\\Ops', access: 'Allow', rights: ['FullControl'] },
    { principal: 'CONTOSO\\Contractors', access: 'Deny', rights: ['FullControl'] },
  ],
};
const CONDITIONAL: EndpointAclModel = {
  entries: [{ principal: 'CONTOSO\\Ops', access: 'Allow', rights: ['FullControl'] }],
  requiredGroups: { or: ['CONTOSO\\SmartCard', 'CONTOSO\\MFA'] },
};
const sddl = (acl: EndpointAclModel) => endpointSddl(acl, tableResolver(SIDS));

describe('comparing endpoint ACLs', () => {
  it('finds nothing when the registered SDDL is the declared one', () => {
    expect(compareAcl(ACL, sddl(ACL), SIDS)).toEqual([]);
    expect(compareAcl(CONDITIONAL, sddl(CONDITIONAL), SIDS)).toEqual([]);
  });

  it('compares ACEs as a set: order, aliases and spacing do not count', () => {
    const [ops, contractors] = [SIDS['CONTOSO\\Ops'], SIDS['CONTOSO\\Contractors']];
    const reordered = `O:S-1-5-20G:S-1-5-32-544D:P(A;;GA;;;${ops.toLowerCase()})(D;;0x10000000;;;${contractors})S:P(AU;SA;GXGW;;;WD)(AU;FA;GA;;;S-1-1-0)`;
    expect(compareAcl(ACL, reordered, SIDS)).toEqual([]);
  });

  it('takes the Windows spelling of a conditional ACE as the same condition', () => {
    const ops = SIDS['CONTOSO\\Ops'];
    const windows = `O:NSG:BAD:P(XA;;GA;;;${ops};((Member_of {SID(${SIDS['CONTOSO\\MFA']})}) || (Member_of {SID(${SIDS['CONTOSO\\SmartCard']})})))S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)`;
    expect(compareAcl(CONDITIONAL, windows, SIDS)).toEqual([]);
    const and = windows.replace('||', '&&');
    expect(
      compareAcl(CONDITIONAL, and, SIDS)
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['ace-added', 'ace-removed']);
  });

  it('reports an extra ACE with the principal it names', () => {
    const extra = sddl(ACL).replace('S:P', '(A;;GA;;;S-1-5-32-545)S:P');
    expect(compareAcl(ACL, extra, SIDS)).toEqual([
      {
        kind: 'ace-added',
        change: { path: "SecurityDescriptorSddl['BUILTIN\\USERS']", declared: null, actual: '(A;;GA;;;BU)' },
      },
    ]);
  });

  it('reports a removed ACE by the declared principal name', () => {
    const without = sddl({ entries: [ACL.entries[0]] });
    expect(compareAcl(ACL, without, SIDS)).toEqual([
      {
        kind: 'ace-removed',
        change: {
          path: "SecurityDescriptorSddl['CONTOSO\\Contractors']",
          declared: `(D;;GA;;;${SIDS['CONTOSO\\Contractors']})`,
          actual: null,
        },
      },
    ]);
  });

  it('reports a changed right as one ACE removed and one added', () => {
    const read = sddl(ACL).replace(`(A;;GA;;;${SIDS['CONTOSO\\Ops']})`, `(A;;GR;;;${SIDS['CONTOSO\\Ops']})`);
    expect(compareAcl(ACL, read, SIDS).map((f) => [f.kind, f.change.path])).toEqual([
      ['ace-removed', "SecurityDescriptorSddl['CONTOSO\\Ops']"],
      ['ace-added', "SecurityDescriptorSddl['CONTOSO\\Ops']"],
    ]);
  });

  it('reports a principal that did not resolve, and not its ACEs as removed', () => {
    const principals = { ...SIDS, 'CONTOSO\\Contractors': null };
    const registered = sddl({ entries: [ACL.entries[0]] });
    expect(compareAcl(ACL, registered, principals)).toEqual([
      {
        kind: 'principal-unresolved',
        change: { path: "Principals['CONTOSO\\Contractors']", declared: 'CONTOSO\\Contractors', actual: null },
      },
    ]);
    const { 'CONTOSO\\Ops': _, ...missing } = SIDS;
    void _;
    expect(compareAcl(ACL, sddl(ACL), missing).map((f) => f.kind)).toEqual(['principal-unresolved', 'ace-added']);
  });

  it('matches principal names case-insensitively', () => {
    const lower = Object.fromEntries(Object.entries(SIDS).map(([k, v]) => [k.toLowerCase(), v]));
    expect(compareAcl(ACL, sddl(ACL), lower)).toEqual([]);
  });

  it('reports a missing or malformed SDDL as a changed field, never a crash', () => {
    for (const bad of [null, 'O:NSG:BAD:P(A;;GA;;;', 'not sddl']) {
      const found = compareAcl(ACL, bad, SIDS);
      expect(found).toEqual([
        { kind: 'changed-field', change: { path: 'SecurityDescriptorSddl', declared: sddl(ACL), actual: bad } },
      ]);
    }
  });
});

describe('canonical ACE conditions', () => {
  it('ignores parentheses, spacing, case, aliases and operand order', () => {
    const a = canonicalCondition('Member_of {SID(S-1-5-32-544)} || Member_of {SID(S-1-5-21-1-2-3-1106)}');
    expect(canonicalCondition('((member_of {SID(BA)}) ||(Member_of  {SID(s-1-5-21-1-2-3-1106)}))')).toBe(a);
    expect(canonicalCondition('(Member_of {SID(S-1-5-21-1-2-3-1106)} || (Member_of {SID(BA)}))')).toBe(a);
  });

  it('keeps the difference between && and ||, and nesting', () => {
    const or = canonicalCondition('Member_of {SID(BA)} || Member_of {SID(BU)}');
    expect(canonicalCondition('Member_of {SID(BA)} && Member_of {SID(BU)}')).not.toBe(or);
    const nested = canonicalCondition('Member_of {SID(BA)} && (Member_of {SID(BU)} || Member_of {SID(RM)})');
    expect(canonicalCondition('((Member_of {SID(RM)}) || (Member_of {SID(BU)})) && (Member_of {SID(BA)})')).toBe(
      nested,
    );
    expect(canonicalCondition('(Member_of {SID(BA)} && Member_of {SID(BU)}) || Member_of {SID(RM)}')).not.toBe(nested);
  });

  it('flattens chains of one operator and compares SID lists as sets', () => {
    expect(canonicalCondition('(A == 1 || B == 2) || C == 3')).toBe(canonicalCondition('C == 3 || (B == 2 || A == 1)'));
    expect(canonicalCondition('Member_of {SID(BA), SID(BU)}')).toBe(canonicalCondition('Member_of {SID(BU),SID(BA)}'));
  });

  it('compares what it does not understand as text', () => {
    expect(canonicalCondition('((broken')).toBe('((BROKEN');
  });
});
