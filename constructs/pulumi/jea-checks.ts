import * as pulumi from '@pulumi/pulumi';
import { declaredPolicy, modulesOrNone } from '../../src/policy/declared-policy';
import { PolicySet } from '../../src/policy/policy-set';
import { Finding, Suppression } from '../../src/rules/finding';
import { findingNotes, runRules } from '../../src/rules/run';
import { JeaComponent } from './component';
import { JeaModule } from './jea-module';
import { JitGroupEligibility } from './jit-group-eligibility';
import { PimRoleEligibility } from './pim-role-eligibility';
import { RoleCapability } from './role-capability';
import { SessionConfiguration } from './session-configuration';
import { VmJitAccessPolicy } from './vm-jit-access-policy';

/** Options of {@link jeaChecks}. */
export interface JeaChecksProps {
  /** Accepted findings, each with its reason (logged as info). @default none */
  readonly suppressions?: readonly Suppression[];
}

/** The policy an estate declares (a root scope's components), as the rules see it. */
export function policyOfEstate(scope: JeaComponent): PolicySet {
  const all = JeaComponent.membersOf(scope.root);
  const of = <T>(type: abstract new (...args: never[]) => T): T[] =>
    all.filter((c): c is JeaComponent & T => c instanceof type);
  const jit = <M>(items: readonly { model: M; path: string }[]) => items.map((c) => ({ path: c.path, model: c.model }));
  return declaredPolicy({
    roles: of(RoleCapability).map((r) => ({
      path: r.path,
      roleName: r.roleName,
      module: JeaModule.of(r)?.model.name,
      model: r.model,
    })),
    endpoints: of(SessionConfiguration).map((s) => ({
      path: s.path,
      name: s.name,
      model: s.model,
      acl: s.acl,
      modules: modulesOrNone(() => s.modules),
      externalRoles: s.externalRoles,
    })),
    vmJit: jit(of(VmJitAccessPolicy)),
    pim: jit(of(PimRoleEligibility)),
    groups: jit(of(JitGroupEligibility)),
  });
}

/**
 * The security rules over an estate, as `JeaChecks` runs them at cdktf synth: call it after the
 * estate is declared. Errors throw (the program, and so the preview or update, fails); warnings
 * and suppressed findings are logged on the component they concern. Returns every finding.
 */
export function jeaChecks(scope: JeaComponent, props: JeaChecksProps = {}): Finding[] {
  const findings = runRules(policyOfEstate(scope), { suppressions: props.suppressions ?? [] });
  const byPath = new Map(JeaComponent.membersOf(scope.root).map((c) => [c.path, c]));
  const errors: string[] = [];
  for (const note of findingNotes(findings)) {
    const resource = byPath.get(note.path) ?? scope;
    if (note.level === 'info') void pulumi.log.info(note.text, resource);
    else if (note.level === 'warning') void pulumi.log.warn(note.text, resource);
    else errors.push(note.text);
  }
  if (errors.length) throw new Error(`jeajit security rules failed:\n${errors.join('\n')}`);
  return findings;
}
