import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { VmJitClaims } from '../../src/jit/vm-jit-ownership';
import { declared } from '../../src/jea/declared-at';
import { recordDeclared } from './declared';
import { jsonText } from './json-text';
import { JIT_TEMPLATE, jitParameters } from '../../src/jit/arm-template';
import { VmJitPolicyModel } from '../../src/jit/model';
import { BaselineDenyPropsOf, defineVmJitPolicy, JitPortProps, VmJitAccessPolicyPropsOf } from '../../src/jit/props';

/** The VM JIT policies declared so far in each stack: a VM may be in only one. */
const claims = new WeakMap<TerraformStack, VmJitClaims>();

/** A port under just-in-time access, the baseline deny rules, and the props of {@link VmJitAccessPolicy} (shared with the Pulumi engine). */
export type { JitPortProps };
/** Deny rules for the JIT ports. */
export type BaselineDenyProps = BaselineDenyPropsOf<string>;
/** Props of {@link VmJitAccessPolicy}. */
export type VmJitAccessPolicyProps = VmJitAccessPolicyPropsOf<string>;

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
    const stack = TerraformStack.of(this);
    const registry = claims.get(stack) ?? [];
    claims.set(stack, registry);
    const defined = defineVmJitPolicy(
      this.node.path,
      props,
      (v) => v,
      (v) => Token.isUnresolved(v),
      registry,
    );
    this.model = defined.model;
    const parameters = jitParameters(this.model);
    this.deployment = new ResourceGroupTemplateDeployment(this, 'Policy', {
      name: `jeajit-jit-${this.model.name}`,
      resourceGroupName: props.resourceGroupName,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(JIT_TEMPLATE),
      parametersContent: jsonText(parameters),
    });
    recordDeclared(this.deployment, declared(this.node.path));
    this.denyRules = props.baselineDeny
      ? defined.ports.map(
          (p, i) =>
            new NetworkSecurityRule(this, p.ruleId, {
              name: p.ruleName,
              resourceGroupName: props.baselineDeny!.resourceGroupName ?? props.resourceGroupName,
              networkSecurityGroupName: props.baselineDeny!.networkSecurityGroupName,
              priority: defined.priority + i,
              direction: 'Inbound',
              access: 'Deny',
              protocol: p.nsgProtocol,
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
