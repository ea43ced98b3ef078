import {
  ASSIGNMENT_TEMPLATE,
  guestConfigurationBody,
  packageBlobName,
  packageModeFor,
} from '../../src/guestconfig/assignment';
import { machineConfigurationPackage } from '../../src/guestconfig/package';
import {
  armLiteral,
  GUEST_CONFIGURATION_RESOURCE_CONTRIBUTOR,
  guestConfigurationPolicy,
  policyObjectName,
} from '../../src/guestconfig/policy-definition';
import { exampleEndpoint } from './example-estate';

const pkg = machineConfigurationPackage(exampleEndpoint('JEA-DNS'), { mode: 'AuditAndSet', version: '1.2.3' });
const URI = `https://contosogc.blob.core.windows.net/packages/${packageBlobName(pkg)}`;
const body = guestConfigurationBody(pkg, '1.2.3', 'ApplyAndMonitor', URI);

describe('the guest configuration policy definition', () => {
  const deploy = guestConfigurationPolicy({ endpoint: 'JEA-DNS', body, effect: 'DeployIfNotExists' });
  const then = deploy.policyRule.then as {
    effect: string;
    details: {
      name: string;
      type: string;
      roleDefinitionIds: string[];
      existenceCondition: unknown;
      deployment: { properties: { parameters: Record<string, { value: unknown }>; template: unknown } };
    };
  };

  it('carries the metadata the Machine Configuration service reads to create the guest assignment', () => {
    expect(deploy.mode).toBe('Indexed');
    expect(deploy.metadata).toEqual({
      category: 'Guest Configuration',
      version: '1.2.3',
      requiredProviders: ['Microsoft.GuestConfiguration'],
      guestConfiguration: {
        name: 'jeajit-JEA-DNS',
        version: '1.2.3',
        contentType: 'Custom',
        contentUri: URI,
        contentHash: pkg.sha256,
        assignmentType: 'ApplyAndMonitor',
      },
    });
  });

  it('deploys the one assignment template on each machine lacking a compliant assignment, named <package>$pid<unique>', () => {
    expect(then.effect).toBe('deployIfNotExists');
    expect(then.details.type).toBe('Microsoft.GuestConfiguration/guestConfigurationAssignments');
    expect(then.details.name).toBe(
      "[concat('jeajit-JEA-DNS$pid', uniqueString(policy().assignmentId, policy().definitionReferenceId))]",
    );
    expect(then.details.existenceCondition).toEqual({
      field: 'Microsoft.GuestConfiguration/guestConfigurationAssignments/complianceStatus',
      equals: 'Compliant',
    });
    expect(then.details.roleDefinitionIds).toEqual([
      `/providers/Microsoft.Authorization/roleDefinitions/${GUEST_CONFIGURATION_RESOURCE_CONTRIBUTOR}`,
    ]);
    expect(then.details.deployment.properties.template).toBe(ASSIGNMENT_TEMPLATE);
    expect(then.details.deployment.properties.parameters).toEqual({
      machineId: { value: "[field('id')]" },
      location: { value: "[field('location')]" },
      assignmentName: { value: then.details.name },
      guestConfiguration: { value: body },
    });
  });

  it('applies to Windows VMs, and to Windows Arc servers only when IncludeArcMachines is true', () => {
    const text = JSON.stringify(deploy.policyRule.if);
    expect(text).toContain('"field":"type","equals":"Microsoft.Compute/virtualMachines"');
    expect(text).toContain('"value":"[parameters(\'IncludeArcMachines\')]","equals":"true"');
    expect(text).toContain('"field":"type","equals":"Microsoft.HybridCompute/machines"');
    expect(deploy.parameters).toMatchObject({
      IncludeArcMachines: { type: 'String', allowedValues: ['true', 'false'], defaultValue: 'false' },
    });
  });

  it('only audits with AuditIfNotExists: no deployment, no role, no assignment type in the metadata', () => {
    const audit = guestConfigurationPolicy({
      endpoint: 'JEA-DNS',
      body: guestConfigurationBody(pkg, '1.2.3', 'Audit', URI),
      effect: 'AuditIfNotExists',
    });
    const auditThen = audit.policyRule.then as { effect: string; details: Record<string, unknown> };
    expect(auditThen.effect).toBe('auditIfNotExists');
    expect(Object.keys(auditThen.details).sort()).toEqual(['existenceCondition', 'name', 'type']);
    expect((audit.metadata.guestConfiguration as Record<string, unknown>).assignmentType).toBeUndefined();
  });

  it('never lets a literal become an ARM expression: a leading [ is doubled', () => {
    expect(armLiteral('[parameters(1)]')).toBe('[[parameters(1)]');
    expect(armLiteral('plain [x]')).toBe('plain [x]');
    const odd = guestConfigurationPolicy({
      endpoint: 'X',
      body: { ...body, contentUri: "[concat('https://evil/', 'x')]" },
      effect: 'DeployIfNotExists',
    });
    expect((odd.metadata.guestConfiguration as Record<string, unknown>).contentUri).toBe(
      "[[concat('https://evil/', 'x')]",
    );
  });

  it('names policy objects within Azure limits, readable when they fit', () => {
    expect(policyObjectName('jeajit-JEA-DNS', 24)).toBe('jeajit-JEA-DNS');
    expect(policyObjectName('jeajit-JEA-Maintenance-Tier1', 24)).toMatch(/^jeajit-[0-9a-f]{16}$/);
    expect(policyObjectName('jeajit-a.b', 64)).toMatch(/^jeajit-[0-9a-f]{16}$/);
    expect(policyObjectName('jeajit-JEA-Maintenance-Tier1', 24)).toBe(
      policyObjectName('jeajit-JEA-Maintenance-Tier1', 24),
    );
  });

  it('needs an AuditAndSet package for Apply assignments', () => {
    expect(packageModeFor('Audit')).toBe('Audit');
    expect(packageModeFor('ApplyAndMonitor')).toBe('AuditAndSet');
    expect(packageModeFor('ApplyAndAutoCorrect')).toBe('AuditAndSet');
  });
});
