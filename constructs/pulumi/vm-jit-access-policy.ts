import * as pulumi from '@pulumi/pulumi';
import { JIT_TEMPLATE, jitParameters } from '../../src/jit/arm-template';
import { VmJitPolicyModel } from '../../src/jit/model';
import { BaselineDenyPropsOf, defineVmJitPolicy, JitPortProps, VmJitAccessPolicyPropsOf } from '../../src/jit/props';
import { VmJitClaims } from '../../src/jit/vm-jit-ownership';
import { ResourceGroupTemplateDeployment } from './azure/core';
import { NetworkSecurityRule } from './azure/network';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';

/** The VM JIT policies declared so far in each estate (root scope): a VM may be in only one. */
const claims = new WeakMap<object, VmJitClaims>();

/** A port under just-in-time access. */
export type { JitPortProps };
/** Deny rules for the JIT ports (names may be outputs). */
export type BaselineDenyProps = BaselineDenyPropsOf<Text>;
/** Props of {@link VmJitAccessPolicy}, as the cdktf VmJitAccessPolicy takes them (names and IDs may be outputs). */
export type VmJitAccessPolicyProps = VmJitAccessPolicyPropsOf<Text>;

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
    const registry = claims.get(this.root) ?? [];
    claims.set(this.root, registry);
    const defined = defineVmJitPolicy(this.path, props, modelText, isDeployTime, registry);
    this.model = defined.model;

    // VM IDs and the region may be outputs: the parameters are written once they are known.
    const parametersContent = pulumi
      .all([props.location, pulumi.all(props.virtualMachines.map((vm) => vm.id))])
      .apply(([location, ids]) =>
        JSON.stringify(
          jitParameters({
            ...this.model,
            location,
            virtualMachines: this.model.virtualMachines.map((vm, i) => ({ ...vm, id: ids[i] })),
          }),
        ),
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
      ? defined.ports.map(
          (p, i) =>
            new NetworkSecurityRule(
              this.childName(p.ruleId),
              {
                name: p.ruleName,
                resourceGroupName: deny.resourceGroupName ?? props.resourceGroupName,
                networkSecurityGroupName: deny.networkSecurityGroupName,
                priority: defined.priority + i,
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
      policyId: this.deployment.outputContent.apply((c) =>
        c ? (JSON.parse(c) as { policyId?: { value?: string } }).policyId?.value : undefined,
      ),
      denyRuleIds: this.denyRules.map((r) => r.id),
    });
  }
}
