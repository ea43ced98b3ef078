import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Issues } from '../../src/jea/issues';
import { JIT_TEMPLATE, jitParameters } from '../../src/jit/arm-template';
import { checkVmJitPolicy, VmJitPolicyModel } from '../../src/jit/model';

/** A port under just-in-time access. */
export interface JitPortProps {
  /** 0-65535. */
  readonly number: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | '*';
  /** IPs, CIDRs or service tags requests may come from. */
  readonly allowedSourceAddressPrefixes: readonly string[];
  /** PT5M to PT24H. @default 'PT3H' */
  readonly maxRequestAccessDuration?: string;
}

/** Deny rules for the JIT ports, so that they are closed when no request is active. */
export interface BaselineDenyProps {
  /** The NSG of the VMs' subnet or NICs. */
  readonly networkSecurityGroupName: string;
  /** @default the policy's resource group */
  readonly resourceGroupName?: string;
  /** Priority of the first rule; one rule per port and protocol, counting up. 100-4096. @default 4000 */
  readonly priority?: number;
}

/** Props of {@link VmJitAccessPolicy}. */
export interface VmJitAccessPolicyProps {
  /** The resource group of the VMs. */
  readonly resourceGroupName: string;
  /** The VMs' region. */
  readonly location: string;
  /** @default 'default' (the name the portal uses) */
  readonly name?: string;
  /** The VMs and their ports. */
  readonly virtualMachines: readonly { readonly id: string; readonly ports: readonly JitPortProps[] }[];
  /** @default no deny rules */
  readonly baselineDeny?: BaselineDenyProps;
}

/**
 * Defender for Cloud just-in-time VM access: `Microsoft.Security/locations/jitNetworkAccessPolicies@2020-01-01`,
 * deployed with an ARM template because azurerm has no resource for it (terraform-provider-azurerm#3661).
 * Optional baseline deny rules are standalone `azurerm_network_security_rule` resources at low
 * priority: Terraform then manages only its own rules and never removes the allow rules JIT adds
 * (an NSG with inline `security_rule` blocks would, on every apply; that is the clash of #3661).
 */
export class VmJitAccessPolicy extends Construct {
  /** The validated policy. */
  readonly model: VmJitPolicyModel;
  /** The template deployment that creates the policy. */
  readonly deployment: ResourceGroupTemplateDeployment;
  /** The baseline deny rules, one per port and protocol. */
  readonly denyRules: readonly NetworkSecurityRule[];

  constructor(scope: Construct, id: string, props: VmJitAccessPolicyProps) {
    super(scope, id);
    this.model = {
      name: props.name ?? 'default',
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      virtualMachines: props.virtualMachines.map((vm) => ({
        id: vm.id,
        ports: vm.ports.map((p) => ({
          number: p.number,
          protocol: p.protocol ?? 'TCP',
          allowedSourceAddressPrefixes: p.allowedSourceAddressPrefixes,
          maxRequestAccessDuration: p.maxRequestAccessDuration ?? 'PT3H',
        })),
      })),
    };
    const issues = new Issues(this.node.path);
    checkVmJitPolicy(this.model, issues, (v) => Token.isUnresolved(v));
    const ports = uniquePorts(this.model);
    const base = props.baselineDeny?.priority ?? 4000;
    if (props.baselineDeny && (!Number.isInteger(base) || base < 100 || base + ports.length - 1 > 4096)) {
      issues.at('baselineDeny').at('priority').add(base, `the ${ports.length} rules need priorities ${base} to ${base + ports.length - 1} within 100-4096`);
    }
    issues.throwIfAny();

    const parameters = jitParameters(this.model);
    const unresolved = this.model.virtualMachines.some((vm) => Token.isUnresolved(vm.id)) || Token.isUnresolved(this.model.location);
    this.deployment = new ResourceGroupTemplateDeployment(this, 'Policy', {
      name: `jeajit-jit-${this.model.name}`,
      resourceGroupName: props.resourceGroupName,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(JIT_TEMPLATE),
      parametersContent: unresolved ? Fn.jsonencode(parameters) : JSON.stringify(parameters),
    });
    this.denyRules = props.baselineDeny
      ? ports.map(
          (p, i) =>
            new NetworkSecurityRule(this, `Deny${p.number}${p.protocol === '*' ? 'Any' : p.protocol}`, {
              name: `jeajit-jit-deny-${p.number}-${p.protocol === '*' ? 'any' : p.protocol.toLowerCase()}`,
              resourceGroupName: props.baselineDeny!.resourceGroupName ?? props.resourceGroupName,
              networkSecurityGroupName: props.baselineDeny!.networkSecurityGroupName,
              priority: base + i,
              direction: 'Inbound',
              access: 'Deny',
              protocol: p.protocol === 'TCP' ? 'Tcp' : p.protocol === 'UDP' ? 'Udp' : '*',
              sourceAddressPrefix: '*',
              sourcePortRange: '*',
              destinationAddressPrefix: '*',
              destinationPortRange: String(p.number),
              description: 'Closed unless a just-in-time request is active (jeajit)',
            }),
        )
      : [];
  }
}

/** The distinct (port, protocol) pairs of a policy, in first-seen order. */
function uniquePorts(model: VmJitPolicyModel): { number: number; protocol: string }[] {
  const out: { number: number; protocol: string }[] = [];
  for (const vm of model.virtualMachines) {
    for (const p of vm.ports) if (!out.some((o) => o.number === p.number && o.protocol === p.protocol)) out.push({ number: p.number, protocol: p.protocol });
  }
  return out;
}
