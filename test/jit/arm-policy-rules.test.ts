import { comparePimPolicy, pimPolicyFromArm } from '../../src/drift/azure/compare-pim';
import { PIM_RULE_IDS, pimPolicyRules } from '../../src/jit/arm-policy-rules';
import { EligibilityExpiry } from '../../src/jit/duration';
import { ActivationPolicy } from '../../src/jit/model';

const APPROVER = { type: 'Group' as const, objectId: '9e3f4a5b-6c7d-4e8f-a091-b2c3d4e5f643' };

const CASES: [string, ActivationPolicy, EligibilityExpiry][] = [
  ['the defaults', { maximumDuration: 'PT4H' }, 'P90D'],
  [
    'approval, MFA, ticket and notifications',
    {
      maximumDuration: 'PT8H',
      approval: { approvers: [APPROVER, { type: 'User', objectId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41' }] },
      requireMfa: true,
      requireTicketInfo: true,
      notifyOnActivation: ['secops@contoso.com'],
    },
    'P365D',
  ],
  [
    'an authentication context, no justification, permanent',
    { maximumDuration: 'P1D', conditionalAccessContext: 'c2', requireJustification: false },
    'none',
  ],
];

describe('the role management policy rules of the model', () => {
  it.each(CASES)('read back by drift as declared: %s', (_, activation, expiry) => {
    const read = pimPolicyFromArm({ id: 'policy', properties: { rules: pimPolicyRules(activation, expiry) } });
    expect(comparePimPolicy({ activation, expiry }, read)).toEqual([]);
  });

  it('are the six rules drift reads, once each, with their Azure targets', () => {
    const rules = pimPolicyRules({ maximumDuration: 'PT4H' }, 'P30D');
    expect(rules.map((r) => r.id).sort()).toEqual(Object.values(PIM_RULE_IDS).sort());
    expect(rules.map((r) => [r.id, r.ruleType, r.target.caller, r.target.level])).toEqual([
      ['Expiration_EndUser_Assignment', 'RoleManagementPolicyExpirationRule', 'EndUser', 'Assignment'],
      ['Enablement_EndUser_Assignment', 'RoleManagementPolicyEnablementRule', 'EndUser', 'Assignment'],
      ['Approval_EndUser_Assignment', 'RoleManagementPolicyApprovalRule', 'EndUser', 'Assignment'],
      [
        'AuthenticationContext_EndUser_Assignment',
        'RoleManagementPolicyAuthenticationContextRule',
        'EndUser',
        'Assignment',
      ],
      ['Notification_Admin_EndUser_Assignment', 'RoleManagementPolicyNotificationRule', 'EndUser', 'Assignment'],
      ['Expiration_Admin_Eligibility', 'RoleManagementPolicyExpirationRule', 'Admin', 'Eligibility'],
    ]);
  });

  it('declare what the model leaves out as off', () => {
    const rules = new Map(pimPolicyRules({ maximumDuration: 'PT4H' }, 'none').map((r) => [r.id, r]));
    expect(rules.get('Approval_EndUser_Assignment')).toMatchObject({
      setting: { isApprovalRequired: false, approvalStages: [{ primaryApprovers: [] }] },
    });
    expect(rules.get('AuthenticationContext_EndUser_Assignment')).toMatchObject({ isEnabled: false, claimValue: '' });
    expect(rules.get('Enablement_EndUser_Assignment')).toMatchObject({ enabledRules: ['Justification'] });
    expect(rules.get('Expiration_Admin_Eligibility')).toEqual(
      expect.not.objectContaining({ maximumDuration: expect.anything() }),
    );
  });
});
