import { SecurityRule } from '@pulumi/azure-native/network/securityRule';
import { JitNetworkAccessPolicy } from '@pulumi/azure-native/security/jitNetworkAccessPolicy';
import * as pulumi from '@pulumi/pulumi';
import { JIT_POLICY_KIND, jitVirtualMachines } from '../../src/jit/arm-template';
import { VmJitPolicyModel } from '../../src/jit/model';
import { BaselineDenyPropsOf, defineVmJitPolicy, JitPortProps, VmJitAccessPolicyPropsOf } from '../../src/jit/props';
import { VmJitClaims } from '../../src/jit/vm-jit-ownership';
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
 * Defender for Cloud just-in-time VM access: `Microsoft.Security/locations/jitNetworkAccessPolicies`
 * as the native resource `azure-native:security:JitNetworkAccessPolicy` (what the cdktf construct
 * deploys through an ARM template, from the same core model: same name, kind and VMs). Optional
 * baseline deny rules are standalone `azure-native:network:SecurityRule` resources at low
 * priority, which never remove the allow rules JIT adds.
 */
export class VmJitAccessPolicy extends JeaComponent {
  /** The validated policy (deploy-time values as `${pulumi:...}` placeholders). */
  readonly model: VmJitPolicyModel;
  /** The just-in-time policy. */
  readonly policy: JitNetworkAccessPolicy;
  /** The baseline deny rules, one per port and protocol. */
  readonly denyRules: readonly SecurityRule[];

  constructor(name: string, props: VmJitAccessPolicyProps, opts?: JeaComponentOptions) {
    super('jeajit:jit:VmJitAccessPolicy', name, opts);
    const registry = claims.get(this.root) ?? [];
    claims.set(this.root, registry);
    const defined = defineVmJitPolicy(this.path, props, modelText, isDeployTime, registry);
    this.model = defined.model;

    // VM IDs may be outputs: the policy's VMs are written once they are known.
    const virtualMachines = pulumi.all(props.virtualMachines.map((vm) => vm.id)).apply((ids) =>
      jitVirtualMachines({
        ...this.model,
        virtualMachines: this.model.virtualMachines.map((vm, i) => ({ ...vm, id: ids[i] })),
      }),
    );
    this.policy = new JitNetworkAccessPolicy(
      this.childName('Policy'),
      {
        resourceGroupName: props.resourceGroupName,
        ascLocation: props.location,
        jitNetworkAccessPolicyName: this.model.name,
        kind: JIT_POLICY_KIND,
        virtualMachines,
      },
      this.childOptions,
    );
    const deny = props.baselineDeny;
    this.denyRules = deny
      ? defined.ports.map(
          (p, i) =>
            new SecurityRule(
              this.childName(p.ruleId),
              {
                securityRuleName: p.ruleName,
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
    this.registerOutputs({ policyId: this.policy.id, denyRuleIds: this.denyRules.map((r) => r.id) });
  }
}
