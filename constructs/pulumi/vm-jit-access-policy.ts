import * as pulumi from '@pulumi/pulumi';
import { Issues } from '../../src/jea/issues';
import { JIT_TEMPLATE, jitParameters } from '../../src/jit/arm-template';
import { checkVmJitPolicy, VmJitPolicyModel } from '../../src/jit/model';
import type { JitPortProps } from '../cdktf/vm-jit-access-policy';
import { ResourceGroupTemplateDeployment } from './azure/core';
import { NetworkSecurityRule } from './azure/network';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { uniquePorts } from './jit-ports';

export type { JitPortProps };

/** Deny rules for the JIT ports, so that they are closed when no request is active. */
export interface BaselineDenyProps {
  /** The NSG of the VMs' subnet or NICs. */
  readonly networkSecurityGroupName: Text;
  /** @default the policy's resource group */
  readonly resourceGroupName?: Text;
  /** Priority of the first rule; one rule per port and protocol, counting up. 100-4096. @default 4000 */
  readonly priority?: number;
}

/** Props of {@link VmJitAccessPolicy}, as the cdktf VmJitAccessPolicy takes them (names and IDs may be outputs). */
export interface VmJitAccessPolicyProps {
  /** The resource group of the VMs. */
  readonly resourceGroupName: Text;
  /** The VMs' region. */
  readonly location: Text;
  /** @default 'default' (the name the portal uses) */
  readonly name?: string;
  /** The VMs and their ports. */
  readonly virtualMachines: readonly { readonly id: Text; readonly ports: readonly JitPortProps[] }[];
  /** @default no deny rules */
  readonly baselineDeny?: BaselineDenyProps;
}

/**
 * Defender for Cloud just-in-time VM access: `Microsoft.Security/locations/jitNetworkAccessPolicies@2020-01-01`,
 * deployed with an ARM template (`azure:core/resourceGroupTemplateDeployment`), as the cdktf
 * construct does. Optional baseline deny rules are standalone `azure:network/networkSecurityRule`
 * resources at low priority, which never remove the allow rules JIT adds.
 */
export class VmJitAccessPolicy extends JeaComponent {
  /** The validated policy (deploy-time values as `${pulumi:...}` placeholders). */
  readonly model: VmJitPolicyModel;
  /** The template deployment that creates the policy. */
  readonly deployment: ResourceGroupTemplateDeployment;
  /** The baseline deny rules, one per port and protocol. */
  readonly denyRules: readonly NetworkSecurityRule[];

  constructor(name: string, props: VmJitAccessPolicyProps, opts?: JeaComponentOptions) {
    super('jeajit:jit:VmJitAccessPolicy', name, opts);
    this.model = {
      name: props.name ?? 'default',
      resourceGroupName: modelText(props.resourceGroupName, `${this.path}.resourceGroupName`),
      location: modelText(props.location, `${this.path}.location`),
      virtualMachines: props.virtualMachines.map((vm, i) => ({
        id: modelText(vm.id, `${this.path}.virtualMachines[${i}].id`),
        ports: vm.ports.map((p) => ({
          number: p.number,
          protocol: p.protocol ?? 'TCP',
          allowedSourceAddressPrefixes: p.allowedSourceAddressPrefixes,
          maxRequestAccessDuration: p.maxRequestAccessDuration ?? 'PT3H',
        })),
      })),
    };
    const issues = new Issues(this.path);
    checkVmJitPolicy(this.model, issues, isDeployTime);
    const ports = uniquePorts(this.model);
    const base = props.baselineDeny?.priority ?? 4000;
    if (props.baselineDeny && (!Number.isInteger(base) || base < 100 || base + ports.length - 1 > 4096)) {
      issues.at('baselineDeny').at('priority').add(base, `the ${ports.length} rules need priorities ${base} to ${base + ports.length - 1} within 100-4096`);
    }
    issues.throwIfAny();

    // VM IDs and the region may be outputs: the parameters are written once they are known.
    const parametersContent = pulumi
      .all([props.location, pulumi.all(props.virtualMachines.map((vm) => vm.id))])
      .apply(([location, ids]) =>
        JSON.stringify(jitParameters({ ...this.model, location, virtualMachines: this.model.virtualMachines.map((vm, i) => ({ ...vm, id: ids[i] })) })),
      );
    this.deployment = new ResourceGroupTemplateDeployment(
      this.childName('Policy'),
      {
        name: `jeajit-jit-${this.model.name}`,
        resourceGroupName: props.resourceGroupName,
        deploymentMode: 'Incremental',
        templateContent: JSON.stringify(JIT_TEMPLATE),
        parametersContent,
      },
      this.childOptions,
    );
    const deny = props.baselineDeny;
    this.denyRules = deny
      ? ports.map(
          (p, i) =>
            new NetworkSecurityRule(
              this.childName(p.ruleId),
              {
                name: p.ruleName,
                resourceGroupName: deny.resourceGroupName ?? props.resourceGroupName,
                networkSecurityGroupName: deny.networkSecurityGroupName,
                priority: base + i,
                direction: 'Inbound',
                access: 'Deny',
                protocol: p.nsgProtocol,
                sourceAddressPrefix: '*',
                sourcePortRange: '*',
                destinationAddressPrefix: '*',
                destinationPortRange: String(p.number),
                description: 'Closed unless a just-in-time request is active (jeajit)',
              },
              this.childOptions,
            ),
        )
      : [];
    this.registerOutputs({
      deploymentId: this.deployment.id,
      policyId: this.deployment.outputContent.apply((c) => (c ? (JSON.parse(c) as { policyId?: { value?: string } }).policyId?.value : undefined)),
      denyRuleIds: this.denyRules.map((r) => r.id),
    });
  }
}
