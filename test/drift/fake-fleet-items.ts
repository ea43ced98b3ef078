/**
 * The items the fake fleet ARM (fake-fleet-arm.ts) serves. Guest configuration assignments and
 * reports are the official 2024-04-05 examples (../shared/azure-api-examples/guestconfiguration)
 * with ids, names and status put in; VMs, Arc servers and management group descendants follow
 * the official examples named at their builders (not in the shared folder).
 */
import * as fs from 'fs';
import * as path from 'path';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A reason of a report resource. */
export interface FakeReason {
  readonly code: string;
  readonly phrase: string;
}

/** A guest configuration assignment on a fake machine. */
export interface FakeAssignment {
  /** The assignment name (`jeajit-X`, or a policy's `jeajit-X$pid...`). */
  readonly name: string;
  /** guestConfiguration.name. @default the name less `$pid...` */
  readonly configuration?: string;
  readonly status: 'Compliant' | 'NonCompliant' | 'Pending' | null;
  readonly contentHash: string;
  /** The latest report's reasons (a success reason when not given). */
  readonly reasons?: readonly FakeReason[];
  /** Also carry the report in the list item (`properties.latestAssignmentReport`). */
  readonly inlineReport?: boolean;
}

/** A fake Azure VM or Arc server. */
export interface FakeMachine {
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly kind: 'vm' | 'arc';
  /** VM osDisk.osType (`Windows`, `Linux`); Arc osType (`windows`, `linux`) is written in lower case, as Arc reports it. */
  readonly os: 'Windows' | 'Linux' | null;
  readonly assignments: readonly FakeAssignment[];
}

/** What the fake serves. */
export interface FakeFleet {
  /** Management group -> its subscriptions; the second and later sit under a nested child group. */
  readonly managementGroups: Readonly<Record<string, readonly string[]>>;
  readonly machines: readonly FakeMachine[];
}

/** The folder of the official guest configuration examples (found upwards: this file runs from test/drift or compiled from dist/test/drift). */
export function guestConfigurationExamples(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'azure-api-examples', 'guestconfiguration');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(
        `the guest configuration examples (shared/azure-api-examples/guestconfiguration) are not above ${__dirname}`,
      );
  }
}

function example(file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(guestConfigurationExamples(), file), 'utf8')).responses['200'].body;
}

/** The official examples the fake's guest configuration items are made of. */
const EXAMPLES = {
  vmAssignment: (): Json => example('listSubGuestConfigurationAssignments.json')[0],
  arcAssignment: (): Json => example('listGuestConfigurationHCRPAssignments.json')[0],
  vmReport: (): Json => example('getGuestConfigurationAssignmentReportById.json'),
  arcReport: (): Json => example('getGuestConfigurationHCRPAssignmentReportById.json'),
};

/** The resource ID of a fake machine. */
export function machineId(m: FakeMachine): string {
  const type = m.kind === 'vm' ? 'Microsoft.Compute/virtualMachines' : 'Microsoft.HybridCompute/machines';
  return `/subscriptions/${m.subscription}/resourceGroups/${m.resourceGroup}/providers/${type}/${m.name}`;
}

/** The resource ID of an assignment of a fake machine. */
export function assignmentId(m: FakeMachine, a: FakeAssignment): string {
  return `${machineId(m)}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/${a.name}`;
}

const configurationOf = (a: FakeAssignment) => a.configuration ?? a.name.split('$pid')[0];
const SUCCESS: readonly FakeReason[] = [{ phrase: 'Operation successful.', code: 'DSC::RESOURCE::SUCCESS' }];

/** An Azure VM list item, in the shape of VirtualMachine_ListBySubscription_ByLocation.json (azure-rest-api-specs, Microsoft.Compute 2024-07-01). */
export function vmItem(m: FakeMachine, index: number): Json {
  const windows = m.os === 'Windows';
  const sub = `/subscriptions/${m.subscription}/resourceGroups/${m.resourceGroup}`;
  return {
    properties: {
      vmId: `0f2c5a8e-1b3d-4e6f-8a9b-${index.toString(16).padStart(12, '0')}`,
      availabilitySet: { id: `${sub}/providers/Microsoft.Compute/availabilitySets/as-servers` },
      hardwareProfile: { vmSize: 'Standard_D2s_v5' },
      storageProfile: {
        imageReference: windows
          ? {
              publisher: 'MicrosoftWindowsServer',
              offer: 'WindowsServer',
              sku: '2022-datacenter-azure-edition',
              version: 'latest',
            }
          : { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
        osDisk: {
          ...(m.os ? { osType: m.os } : {}),
          name: `${m.name}-osdisk`,
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: { storageAccountType: 'Premium_LRS' },
          diskSizeGB: 127,
        },
        dataDisks: [],
      },
      osProfile: {
        computerName: m.name,
        adminUsername: 'azureadmin',
        ...(windows
          ? { windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true } }
          : { linuxConfiguration: { disablePasswordAuthentication: true } }),
        secrets: [],
        allowExtensionOperations: true,
      },
      networkProfile: {
        networkInterfaces: [{ id: `${sub}/providers/Microsoft.Network/networkInterfaces/${m.name}-nic` }],
      },
      provisioningState: 'Succeeded',
    },
    type: 'Microsoft.Compute/virtualMachines',
    location: 'westeurope',
    tags: { owner: 'platform', fleet: 'jeajit' },
    id: machineId(m),
    name: m.name,
  };
}

/** An Arc server list item, in the shape of Machines_ListBySubscription.json (azure-rest-api-specs, Microsoft.HybridCompute 2024-07-10). */
export function arcItem(m: FakeMachine, index: number): Json {
  const os = m.os?.toLowerCase() ?? null;
  return {
    id: machineId(m),
    name: m.name,
    location: 'westeurope',
    tags: null,
    identity: {
      type: 'SystemAssigned',
      principalId: `7d1e2f3a-4b5c-4d6e-8f90-${index.toString(16).padStart(12, '0')}`,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    },
    type: 'Microsoft.HybridCompute/machines',
    kind: null,
    properties: {
      provisioningState: 'Succeeded',
      agentVersion: '1.46.02869.1929',
      status: 'Connected',
      lastStatusChange: '2025-05-30T07:12:44.000Z',
      errorDetails: [],
      displayName: m.name,
      machineFqdn: `${m.name}.corp.contoso.com`,
      osName: os,
      osSku: os === 'windows' ? 'Windows Server 2022 Datacenter' : os === 'linux' ? 'Ubuntu 22.04 LTS' : null,
      osVersion: os === 'windows' ? '10.0.20348.3566' : null,
      osType: os,
      osProfile: {
        computerName: m.name,
        windowsConfiguration: { patchSettings: { assessmentMode: 'ImageDefault', patchMode: 'AutomaticByOS' } },
        linuxConfiguration: { patchSettings: { assessmentMode: null, patchMode: null } },
      },
      vmId: `b7a098cc-b0b8-46e8-a205-${index.toString(16).padStart(12, '0')}`,
      locationData: { name: 'Amsterdam' },
      detectedProperties: { cloudprovider: 'N/A', manufacturer: 'Dell Inc.', model: 'PowerEdge R650' },
      agentConfiguration: {
        proxyUrl: null,
        incomingConnectionsPorts: [],
        extensionsAllowList: null,
        extensionsBlockList: null,
        proxyBypass: [],
        extensionsEnabled: 'true',
        guestConfigurationEnabled: 'true',
        configMode: 'full',
      },
    },
  };
}

/** Management group descendants, in the shape of GetDescendants.json (azure-rest-api-specs, Microsoft.Management 2023-04-01). */
export function descendants(group: string, subscriptions: readonly string[]): Json {
  const root = `/providers/Microsoft.Management/managementGroups/${group}`;
  const child = `${root}-child`;
  return {
    nextLink: null,
    value: [
      {
        name: `${group}-child`,
        type: 'Microsoft.Management/managementGroups',
        id: child,
        properties: { displayName: `${group} (nested)`, parent: { id: root } },
      },
      ...subscriptions.map((s, i) => ({
        name: s,
        type: 'Microsoft.Management/managementGroups/subscriptions',
        id: `/subscriptions/${s}`,
        properties: { displayName: `Subscription ${i + 1}`, parent: { id: i === 0 ? root : child } },
      })),
    ],
  };
}

/** Builds the example-shaped items of a fleet. */
export class Items {
  private readonly vmAssignment = EXAMPLES.vmAssignment();
  private readonly arcAssignment = EXAMPLES.arcAssignment();
  private readonly vmReport = EXAMPLES.vmReport();
  private readonly arcReport = EXAMPLES.arcReport();
  private readonly reportGuids = new Map<FakeAssignment, string>();

  reportGuid(a: FakeAssignment): string {
    let guid = this.reportGuids.get(a);
    if (!guid)
      this.reportGuids.set(
        a,
        (guid = `7367cbb8-ae99-47d0-a33b-${this.reportGuids.size.toString(16).padStart(12, '0')}`),
      );
    return guid;
  }

  assignment(m: FakeMachine, a: FakeAssignment): Json {
    const t = m.kind === 'vm' ? this.vmAssignment : this.arcAssignment;
    const id = assignmentId(m, a);
    const config = configurationOf(a);
    return {
      ...t,
      id,
      name: a.name,
      properties: {
        ...t.properties,
        complianceStatus: a.status,
        assignmentHash: `${a.contentHash}.E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855`,
        latestReportId: a.status === null ? null : `${id}/reports/${this.reportGuid(a)}`,
        lastComplianceStatusChecked: a.status === null ? null : '2025-06-01T08:00:00Z',
        ...(a.inlineReport ? { latestAssignmentReport: this.report(m, a).properties.details } : {}),
        guestConfiguration: {
          ...t.properties.guestConfiguration,
          name: config,
          version: '1.0.0',
          contentUri: `https://jeajitpackages.blob.core.windows.net/packages/${config}.zip`,
          contentHash: a.contentHash,
        },
      },
    };
  }

  report(m: FakeMachine, a: FakeAssignment): Json {
    const t = m.kind === 'vm' ? this.vmReport : this.arcReport;
    const guid = this.reportGuid(a);
    const config = configurationOf(a);
    const status = a.status ?? 'Pending';
    const [resource] = t.properties.details.resources;
    return {
      ...t,
      id: `${assignmentId(m, a)}/reports/${guid}`,
      name: guid,
      properties: {
        ...t.properties,
        complianceStatus: status,
        assignment: { name: a.name, configuration: { name: config, version: '1.0.0' } },
        reportId: guid,
        vm: { id: machineId(m), uuid: `vmuuid-${m.name}` },
        details: {
          ...t.properties.details,
          complianceStatus: status,
          resources: [
            {
              ...resource,
              complianceStatus: status,
              reasons: a.reasons ?? SUCCESS,
              properties: {
                ...resource.properties,
                ConfigurationName: config,
                ModuleName: 'JeajitDsc',
                ModuleVersion: '1.0.0',
                ResourceId: `[JeajitEndpoint]${config.replace(/^jeajit-/, '')}`,
                Protocols: undefined,
              },
            },
          ],
        },
      },
    };
  }
}
