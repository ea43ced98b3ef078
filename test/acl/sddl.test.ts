import {
  aclFromRoleDefinitions,
  endpointSddl,
  endpointSddlTemplate,
  requiredGroupsCondition,
  tableResolver,
} from '../../src/acl/endpoint-acl';
import { aceKey, formatSddl, parseSddl, SddlError } from '../../src/acl/sddl';

// The default SDDL of a remote endpoint in PowerShell's CustomShellCommands.cs.
const WINRM_DEFAULT = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;RM)(A;;GA;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';

const SIDS: Record<string, string> = {
  'CONTOSO\\Ops': 'S-1-5-21-1-2-3-1101',
  'CONTOSO\\Helpdesk': 'S-1-5-21-1-2-3-1102',
  'CONTOSO\\MFA': 'S-1-5-21-1-2-3-2001',
  'CONTOSO\\SmartCard': 'S-1-5-21-1-2-3-2002',
  'CONTOSO\\Tier0': 'S-1-5-21-1-2-3-2003',
};
const resolve = tableResolver(SIDS);

describe('SDDL', () => {
  it('parses and writes WinRM default SDDL unchanged', () => {
    const sd = parseSddl(WINRM_DEFAULT);
    expect(sd.owner).toBe('S-1-5-20');
    expect(sd.group).toBe('S-1-5-32-544');
    expect(sd.dacl!.aces.map((a) => a.sid)).toEqual(['S-1-5-32-544', 'S-1-5-32-580', 'S-1-5-4']);
    expect(sd.sacl!.aces[1].mask).toBe(0x60000000);
    expect(formatSddl(sd)).toBe(WINRM_DEFAULT);
  });

  it('keeps conditional expressions, with their nested parentheses', () => {
    const text =
      'O:NSG:BAD:P(XA;;GA;;;S-1-5-21-1-2-3-1101;(Member_of {SID(S-1-5-21-1-2-3-2001)} && (Member_of {SID(BA)} || Member_of {SID(S-1-5-21-1-2-3-2002)})))';
    const sd = parseSddl(text);
    expect(sd.dacl!.aces[0].condition).toBe(
      'Member_of {SID(S-1-5-21-1-2-3-2001)} && (Member_of {SID(BA)} || Member_of {SID(S-1-5-21-1-2-3-2002)})',
    );
    expect(formatSddl(sd)).toBe(text);
  });

  it('compares ACEs as set members regardless of alias or right spelling', () => {
    const a = parseSddl('D:(A;;GA;;;BA)').dacl!.aces[0];
    const b = parseSddl('D:(A;;0x10000000;;;S-1-5-32-544)').dacl!.aces[0];
    expect(aceKey(a)).toBe(aceKey(b));
  });

  it.each([
    ['X:', 'expected O:, G:, D: or S:'],
    ['D:(A;;GA;;;BA', 'ACE is missing its closing )'],
    ['D:(A;;GA;;BA)', 'an ACE has 6 fields'],
    ['D:(Q;;GA;;;BA)', "unknown ACE type 'Q'"],
    ['D:(A;;ZZ;;;BA)', "unknown access right 'ZZ'"],
    ['D:(A;;GA;;;S-1-x)', "'S-1-x' is neither a SID nor a known SID alias"],
  ])('refuses %s', (text, reason) => {
    expect(() => parseSddl(text)).toThrow(SddlError);
    expect(() => parseSddl(text)).toThrow(reason);
  });
});

describe('endpoint ACLs', () => {
  it('grants each RoleDefinitions principal GA, as Register-PSSessionConfiguration does', () => {
    const acl = aclFromRoleDefinitions(['CONTOSO\\Ops', 'CONTOSO\\Helpdesk']);
    expect(endpointSddl(acl, resolve)).toBe(
      'O:NSG:BAD:P(A;;GA;;;S-1-5-21-1-2-3-1101)(A;;GA;;;S-1-5-21-1-2-3-1102)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
    );
  });

  it('turns every ACE conditional under RequiredGroups, with PowerShell nesting', () => {
    const groups = { and: ['CONTOSO\\MFA', { or: ['CONTOSO\\SmartCard', 'CONTOSO\\Tier0'] }] };
    expect(requiredGroupsCondition(groups, resolve)).toBe(
      '(Member_of {SID(S-1-5-21-1-2-3-2001)} && (Member_of {SID(S-1-5-21-1-2-3-2002)} || Member_of {SID(S-1-5-21-1-2-3-2003)}))',
    );
    expect(requiredGroupsCondition({ or: ['CONTOSO\\MFA'] }, resolve)).toBe('(Member_of {SID(S-1-5-21-1-2-3-2001)})');
    const sddl = endpointSddl(aclFromRoleDefinitions(['CONTOSO\\Ops'], groups), resolve);
    expect(sddl).toBe(
      'O:NSG:BAD:P(XA;;GA;;;S-1-5-21-1-2-3-1101;(Member_of {SID(S-1-5-21-1-2-3-2001)} && (Member_of {SID(S-1-5-21-1-2-3-2002)} || Member_of {SID(S-1-5-21-1-2-3-2003)})))S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
    );
    expect(formatSddl(parseSddl(sddl))).toBe(sddl);
  });

  it('orders deny entries first and writes well-known principals as aliases', () => {
    const sddl = endpointSddl(
      {
        entries: [
          { principal: 'BUILTIN\\Remote Management Users', access: 'Allow', rights: ['Execute', 'Read'] },
          { principal: 'CONTOSO\\Ops', access: 'Deny', rights: ['FullControl'] },
        ],
      },
      resolve,
    );
    expect(sddl).toBe('O:NSG:BAD:P(D;;GA;;;S-1-5-21-1-2-3-1101)(A;;GRGX;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)');
  });

  it('refuses a name the table cannot resolve', () => {
    expect(() => endpointSddl(aclFromRoleDefinitions(['CONTOSO\\Nobody']), resolve)).toThrow(
      "principal 'CONTOSO\\Nobody' has no SID in the table",
    );
  });

  it('leaves a numbered placeholder for each name the host must resolve', () => {
    const { template, names } = endpointSddlTemplate(
      aclFromRoleDefinitions(['CONTOSO\\Ops', 'BA', 'S-1-5-21-9-9-9-500', 'contoso\\ops'], { or: ['CONTOSO\\MFA'] }),
    );
    expect(names).toEqual(['CONTOSO\\MFA', 'CONTOSO\\Ops']);
    expect(template).toBe(
      'O:NSG:BAD:P(XA;;GA;;;<<P1>>;(Member_of {SID(<<P0>>)}))(XA;;GA;;;BA;(Member_of {SID(<<P0>>)}))(XA;;GA;;;S-1-5-21-9-9-9-500;(Member_of {SID(<<P0>>)}))(XA;;GA;;;<<P1>>;(Member_of {SID(<<P0>>)}))S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
    );
  });
});
