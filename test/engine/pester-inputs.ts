/**
 * What the Pester suites install on their simulated host: the example estate as `npm start`
 * synthesizes it, an endpoint whose roles come from two modules (deployed to its VM through a
 * blob), and the same endpoints synthesized again after a change of a role (JEA-Maintenance, and
 * one of JEA-Branch's two modules) and of an ACL (JEA-FileServer). Construct paths, and so GUIDs,
 * are those of the example, so that the changed files are a new version of the same endpoints.
 */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import {
  EndpointAcl,
  JeaModule,
  JeaVmDeployment,
  JitGroupEligibility,
  MachineConfiguration,
  PimRoleEligibility,
  RoleCapability,
  SessionConfiguration,
  VmJitAccessPolicy,
} from '../../constructs/cdktf';
import { declareContoso } from '../../examples/contoso';
import { collectorScript } from '../../src/drift/collector-script';
import { declaredPrincipals, loadDeclared } from '../../src/drift/declared';
import { synthEstate, tempDir } from '../drift/estate';

/** The endpoint whose roles come from two modules. */
export const TWO_MODULE_ENDPOINT = 'JEA-Branch';

/** What differs between the base and the changed synth, as the Pester suites read it. */
export const CHANGES = {
  /** Endpoints with a changed role capability. */
  role: ['JEA-Maintenance', TWO_MODULE_ENDPOINT],
  /** Endpoints with a changed ACL (and the same files). */
  acl: ['JEA-FileServer'],
  /** Per endpoint, the modules whose files changed. */
  modules: { 'JEA-Maintenance': ['ContosoJeaMaintenance'], [TWO_MODULE_ENDPOINT]: ['ContosoJeaBranchPrint'] } as Record<
    string,
    string[]
  >,
};

/** The inputs of test/engine/ps/pester-run.ps1 that describe the estate (see test/pester/TestSupport.ps1). */
export interface PesterEstate {
  /** Endpoint name to the folder of its synthesized files. */
  readonly base: Record<string, string>;
  /** The same endpoints after {@link CHANGES}. */
  readonly changed: Record<string, string>;
  /** What differs between the two. */
  readonly changes: typeof CHANGES;
  /** The endpoints of the example estate. */
  readonly example: string[];
  readonly twoModules: string;
  /** The drift collector for the example estate (`jeajit collect-script`). */
  readonly collector: string;
  /** The synth output of the example estate (what `jeajit drift --declared` reads). */
  readonly exampleOut: string;
  /** The Terraform JSON of the example estate (run commands with inline scripts) and of the two-module endpoint (run by blob). */
  readonly stacks: { readonly example: string; readonly blob: string };
  /** Where Collector.Tests.ps1 writes the collector's snapshots (`<case>.collected.json` as written, `<case>.json` with Windows paths). */
  readonly snapshots: string;
  /** The temporary folders written, to remove after the run. */
  readonly folders: string[];
}

/** The example estate with a role and an ACL changed (same construct ids and stack name). */
class ChangedContoso extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new AzureadProvider(this, 'azuread', {});
    declareContoso({
      role: (i, props) =>
        new RoleCapability(
          this,
          i,
          i === 'MaintenanceLev1' ? { ...props, visibleCmdlets: [...(props.visibleCmdlets ?? []), 'Get-Date'] } : props,
        ),
      module: (i, props) => new JeaModule(this, i, props),
      // The contractors' deny entry goes.
      acl: (i, props) =>
        new EndpointAcl(
          this,
          i,
          i === 'FileServerAcl' ? { entries: props.entries.filter((e) => e.access !== 'Deny') } : props,
        ),
      endpoint: (i, props) => new SessionConfiguration(this, i, props),
      groupEligibility: (i, props) => new JitGroupEligibility(this, i, props),
      vmJit: (i, props) => new VmJitAccessPolicy(this, i, props),
      pim: (i, props) => new PimRoleEligibility(this, i, props),
      deploy: (i, props) => new JeaVmDeployment(this, i, props),
      machineConfiguration: (i, props) => new MachineConfiguration(this, i, props),
    });
  }
}

/** A branch-office endpoint: share readers and print operators, their roles in two modules; its install script goes to its VM through a blob. */
class Branch extends TerraformStack {
  constructor(scope: Construct, id: string, changed: boolean) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const shares = new RoleCapability(this, 'BranchShareReader', {
      description: 'Read the shares of the branch office',
      visibleCmdlets: ['SmbShare\\Get-SmbShare', 'SmbShare\\Get-SmbShareAccess'],
    });
    const print = new RoleCapability(this, 'BranchPrintOperator', {
      description: 'Operate the printers of the branch office',
      visibleCmdlets: [
        'PrintManagement\\Get-Printer',
        { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Spooler'] }] },
        ...(changed ? ['PrintManagement\\Get-PrintJob'] : []),
      ],
    });
    new JeaModule(this, 'SharesModule', {
      name: 'ContosoJeaBranchShares',
      version: '1.0.0',
      roleCapabilities: [shares],
    });
    new JeaModule(this, 'PrintModule', { name: 'ContosoJeaBranchPrint', version: '1.4.0', roleCapabilities: [print] });
    const endpoint = new SessionConfiguration(this, TWO_MODULE_ENDPOINT, {
      description: 'Branch office operators',
      runAs: { virtualAccount: true },
      transcriptDirectory: 'C:\\ProgramData\\JEAConfiguration\\Transcripts',
      roleDefinitions: [
        { principal: 'CONTOSO\\Branch-Operators', roleCapabilities: [shares, print] },
        { principal: 'CONTOSO\\Branch-Auditors', roleCapabilities: [shares] },
      ],
    });
    new JeaVmDeployment(this, 'Deploy', {
      endpoint,
      virtualMachineIds: [
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-branch/providers/Microsoft.Compute/virtualMachines/vm-branch01',
      ],
      location: 'westeurope',
      blob: { storageAccountName: 'stcontosojea', storageContainerName: 'jeajit' },
    });
  }
}

/** Endpoint name to folder, for every endpoint under `<outdir>/stacks/<stack>/jea/`. */
function endpointsOf(outdir: string, stack: string): Record<string, string> {
  const jea = path.join(outdir, 'stacks', stack, 'jea');
  return Object.fromEntries(
    fs
      .readdirSync(jea)
      .sort()
      .map((name) => [name, path.join(jea, name)]),
  );
}

/** Synthesizes the base and changed estates into temporary folders. */
export function synthPesterEstate(): PesterEstate {
  const example = synthEstate();
  const branch = tempDir('jeajit-pester-base-');
  const baseApp = new App({ outdir: branch });
  new Branch(baseApp, 'branch', false);
  baseApp.synth();
  const changed = tempDir('jeajit-pester-changed-');
  const changedApp = new App({ outdir: changed });
  new ChangedContoso(changedApp, 'contoso');
  new Branch(changedApp, 'branch', true);
  changedApp.synth();
  const exampleEndpoints = endpointsOf(example, 'contoso');
  const collector = path.join(changed, 'collect.ps1');
  fs.writeFileSync(collector, collectorScript(declaredPrincipals(loadDeclared(example).endpoints)));
  const snapshots = tempDir('jeajit-pester-snapshots-');
  return {
    base: { ...exampleEndpoints, ...endpointsOf(branch, 'branch') },
    changed: { ...endpointsOf(changed, 'contoso'), ...endpointsOf(changed, 'branch') },
    changes: CHANGES,
    example: Object.keys(exampleEndpoints),
    twoModules: TWO_MODULE_ENDPOINT,
    collector,
    exampleOut: example,
    stacks: {
      example: path.join(example, 'stacks', 'contoso', 'cdk.tf.json'),
      blob: path.join(branch, 'stacks', 'branch', 'cdk.tf.json'),
    },
    snapshots,
    folders: [branch, changed, snapshots],
  };
}
