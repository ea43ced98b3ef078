import { durationSeconds } from '../../jit/duration';
import { JitPortRule, JitVirtualMachine, VmJitPolicyModel } from '../../jit/model';
import { Change } from '../finding';
import { changes, fieldDiff, keyed, record, scalar, stringSet } from '../semantic';

/** A `Microsoft.Security/locations/jitNetworkAccessPolicies` resource as ARM returns it (2020-01-01). */
export interface ArmJitPolicy {
  readonly id: string;
  readonly name: string;
  readonly location?: string;
  readonly properties: {
    readonly virtualMachines: readonly {
      readonly id: string;
      readonly ports: readonly {
        readonly number: number;
        readonly protocol: string;
        readonly allowedSourceAddressPrefix?: string;
        readonly allowedSourceAddressPrefixes?: readonly string[];
        readonly maxRequestAccessDuration: string;
      }[];
    }[];
  };
}

const JIT_ID =
  /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Security\/locations\/([^/]+)\/jitNetworkAccessPolicies\/([^/]+)$/i;

/** Whether an ARM policy is the declared one: same resource group, location and name (case-insensitive). */
export function isDeclaredPolicy(policy: ArmJitPolicy, model: VmJitPolicyModel): boolean {
  const m = JIT_ID.exec(policy.id);
  return (
    !!m &&
    [m[1], m[2], m[3]].join('/').toLowerCase() ===
      [model.resourceGroupName, model.location, model.name].join('/').toLowerCase()
  );
}

/** The resource ID a declared policy gets in a subscription. */
export function jitPolicyId(subscription: string, model: VmJitPolicyModel): string {
  return `/subscriptions/${subscription}/resourceGroups/${model.resourceGroupName}/providers/Microsoft.Security/locations/${model.location}/jitNetworkAccessPolicies/${model.name}`;
}

/** The deployed policy in the model's terms (one prefix or a list: both become a list). */
export function jitPolicyFromArm(
  policy: ArmJitPolicy,
  model: Pick<VmJitPolicyModel, 'resourceGroupName' | 'location'>,
): VmJitPolicyModel {
  return {
    name: policy.name,
    resourceGroupName: model.resourceGroupName,
    location: model.location,
    virtualMachines: (policy.properties?.virtualMachines ?? []).map((vm) => ({
      id: vm.id,
      ports: (vm.ports ?? []).map((p) => ({
        number: p.number,
        protocol: p.protocol as JitPortRule['protocol'],
        allowedSourceAddressPrefixes:
          p.allowedSourceAddressPrefixes ??
          (p.allowedSourceAddressPrefix === undefined ? [] : [p.allowedSourceAddressPrefix]),
        maxRequestAccessDuration: p.maxRequestAccessDuration,
      })),
    })),
  };
}

const port = record<JitPortRule>([
  fieldDiff('allowedSourceAddressPrefixes', 'allowedSourceAddressPrefixes', stringSet()),
  fieldDiff(
    'maxRequestAccessDuration',
    'maxRequestAccessDuration',
    scalar<string>((d) => durationSeconds(d) ?? d),
  ),
]);

/**
 * Compares a deployed JIT policy with the declared one: VMs as a set by resource ID (named by
 * VM name in paths), ports as a set by `number/protocol`, source prefixes as a set, durations
 * by length (`PT180M` equals `PT3H`). Paths: `virtualMachines['vm-file01'].ports['3389/TCP'].maxRequestAccessDuration`.
 */
export function compareJitPolicy(declared: VmJitPolicyModel, actual: VmJitPolicyModel): Change[] {
  const diff = record<VmJitPolicyModel>([
    fieldDiff(
      'virtualMachines',
      'virtualMachines',
      keyed<JitVirtualMachine>({
        key: (vm) => vm.id,
        label: (vm) => vm.id.split('/').pop() ?? vm.id,
        item: record([
          fieldDiff('ports', 'ports', keyed<JitPortRule>({ key: (p) => `${p.number}/${p.protocol}`, item: port })),
        ]),
      }),
    ),
  ]);
  return changes(diff, declared, actual);
}
