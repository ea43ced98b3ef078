import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  JeaModule,
  PimRoleEligibility,
  RoleCapability,
  SessionConfiguration,
  VmJitAccessPolicy,
} from '../constructs/cdktf';
import { BenchResult, compare } from './measure';

const ROLES = 1000;
const COMMANDS = 40;
const ENDPOINTS = 200;
const VMS = 500;
const PIM = 300;

/** A large estate: 1,000 role capabilities of 40 commands, 200 endpoints, 500 VMs under JIT, 300 PIM eligibilities. */
function largeEstate(outdir: string): number {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'large');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const rolesPerEndpoint = ROLES / ENDPOINTS;
  for (let e = 0; e < ENDPOINTS; e++) {
    const roles: RoleCapability[] = [];
    for (let r = 0; r < rolesPerEndpoint; r++) {
      const n = e * rolesPerEndpoint + r;
      roles.push(
        new RoleCapability(stack, `Role${n}`, {
          description: `Role ${n}`,
          visibleCmdlets: Array.from({ length: COMMANDS }, (_, c) =>
            c % 4 === 0
              ? { name: `Restart-Thing${c}`, parameters: [{ name: 'Name', validateSet: [`Svc${n}`, `Svc${c}`] }] }
              : `Module${c}\\Get-Thing${c}`,
          ),
        }),
      );
    }
    new JeaModule(stack, `Module${e}`, { name: `JeaModule${e}`, version: '1.0.0', roleCapabilities: roles });
    new SessionConfiguration(stack, `JEA-${e}`, {
      runAs: { virtualAccount: true, groups: ['BUILTIN\\Users'] },
      transcriptDirectory: 'C:\\Transcripts',
      roleDefinitions: roles.map((role, i) => ({ principal: `CONTOSO\\Group${e}-${i}`, roleCapabilities: [role] })),
    });
  }
  const vm = (i: number) =>
    `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg${i % 50}/providers/Microsoft.Compute/virtualMachines/vm${i}`;
  for (let g = 0; g < 50; g++) {
    new VmJitAccessPolicy(stack, `Jit${g}`, {
      name: `policy${g}`,
      resourceGroupName: `rg${g}`,
      location: 'westeurope',
      virtualMachines: Array.from({ length: VMS / 50 }, (_, i) => ({
        id: vm(g * 10 + i),
        ports: [{ number: 3389, allowedSourceAddressPrefixes: ['10.0.0.0/8'] }],
      })),
    });
  }
  for (let p = 0; p < PIM; p++) {
    new PimRoleEligibility(stack, `Pim${p}`, {
      scope: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg${p}`,
      role: 'Virtual Machine Contributor',
      principalId: `00000000-0000-4000-8000-${String(p).padStart(12, '0')}`,
      expiry: 'P90D',
      activation: { maximumDuration: 'PT4H', requireMfa: true },
    });
  }
  app.synth();
  const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'large', 'cdk.tf.json'), 'utf8')) as {
    resource: Record<string, object>;
  };
  return Object.values(tf.resource).reduce((n, r) => n + Object.keys(r).length, 0);
}

/**
 * A bare cdktf synth of the same azurerm resources, declared directly with the provider classes:
 * the template deployments, PIM eligibilities and role management policies of the estate.
 */
function bareSynth(outdir: string): void {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'bare');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  for (let g = 0; g < 50; g++) {
    new ResourceGroupTemplateDeployment(stack, `Jit${g}`, {
      name: `jit-${g}`,
      resourceGroupName: `rg${g}`,
      deploymentMode: 'Incremental',
      templateContent: '{}',
      parametersContent: '{}',
    });
  }
  for (let p = 0; p < PIM; p++) {
    const scope = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg${p}`;
    const roleDefinitionId =
      '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c';
    new PimEligibleRoleAssignment(stack, `Pim${p}`, {
      scope,
      roleDefinitionId,
      principalId: `00000000-0000-4000-8000-${String(p).padStart(12, '0')}`,
      schedule: { expiration: { durationDays: 90 } },
    });
    new RoleManagementPolicy(stack, `Policy${p}`, {
      scope,
      roleDefinitionId,
      activationRules: {
        maximumDuration: 'PT4H',
        requireApproval: false,
        requireMultifactorAuthentication: true,
        requireJustification: true,
        requireTicketInfo: false,
      },
      eligibleAssignmentRules: { expirationRequired: true, expireAfter: 'P90D' },
    });
  }
  app.synth();
}

/**
 * Synth of a large estate against a bare cdktf synth of as many azurerm resources. Both apps run
 * without construct stack traces (`stackTraces: false`), which only cost time under ts-node.
 */
export function run(): BenchResult[] {
  // On tmpfs when there is one: this machine's disk takes about 1 ms to create a file, which
  // would measure the disk (2,400 files against 1) rather than the synth.
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const tmp = fs.mkdtempSync(path.join(base, 'jeajit-bench-synth-'));
  let i = 0;
  const resources = largeEstate(path.join(tmp, `probe`));
  const files = countFiles(path.join(tmp, 'probe'));
  const result = compare(
    'synth of a large estate',
    () => largeEstate(path.join(tmp, `ours${i++}`)),
    `bare cdktf synth of the same ${resources} azurerm resources`,
    () => bareSynth(path.join(tmp, `bare${i++}`)),
    {
      goal: 1.5,
      runs: 3,
      notes: `${ROLES} roles x ${COMMANDS} commands, ${ENDPOINTS} endpoints, ${VMS} VMs under JIT, ${PIM} PIM eligibilities: ${resources} Terraform resources and ${files} files`,
    },
  );
  fs.rmSync(tmp, { recursive: true, force: true });
  return [result];
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;
}
