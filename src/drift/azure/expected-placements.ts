import { DeclaredPackages } from '../../guestconfig/manifest';
import { fold } from '../semantic';
import { ArmClient } from './arm-client';
import { FleetMachine } from './fleet-machines';
import { FleetScope, parseScope, targetsOf } from './fleet-scope';

/** A policy scope, resolved to what a machine ID can be matched against. */
interface ResolvedScope {
  /** Folded subscription IDs a management group covers (its descendants); absent for other scopes. */
  readonly subscriptions?: ReadonlySet<string>;
  readonly scope: FleetScope;
  readonly includeArcMachines: boolean;
  /** A management group that could not be read: taken to cover every machine. */
  readonly everywhere?: boolean;
}

/** The subscription and resource group of a machine ID, folded. */
function placeOf(id: string): { subscription: string; resourceGroup: string } {
  const parts = id.split('/');
  return { subscription: fold(parts[2] ?? ''), resourceGroup: fold(parts[4] ?? '') };
}

function covers(s: ResolvedScope, machine: FleetMachine): boolean {
  if (s.everywhere) return true;
  if (machine.kind === 'arc' && !s.includeArcMachines) return false;
  const at = placeOf(machine.id);
  if (s.scope.kind === 'managementGroup') return !!s.subscriptions?.has(at.subscription);
  if (fold(s.scope.subscription) !== at.subscription) return false;
  return s.scope.kind === 'subscription' || fold(s.scope.resourceGroup) === at.resourceGroup;
}

/**
 * Which endpoints a machine should carry, from the package records of the synth output
 * (`guestconfig/**\/package.json`): an endpoint with records is expected where its packages are
 * assigned (its machines, and the machines its policies' scopes cover, Arc servers only where
 * the policy takes them); an endpoint without any is expected on every machine of the checked
 * scope, as a fleet assignment at that scope would give it.
 */
export class ExpectedPlacements {
  /** Endpoint -> the folded IDs of the machines its packages name (looked up once per machine and endpoint). */
  private readonly machines: ReadonlyMap<string, ReadonlySet<string>>;

  private constructor(
    private readonly packages: Readonly<Record<string, DeclaredPackages>>,
    private readonly scopes: ReadonlyMap<string, ResolvedScope[]>,
  ) {
    this.machines = new Map(Object.entries(packages).map(([e, p]) => [e, new Set(p.machines.map(fold))]));
  }

  /**
   * Resolves the records' policy scopes: a management group's subscriptions are its descendants
   * (read through `client`, unless it is the checked one, whose `checkedSubscriptions` are
   * known). A scope that cannot be read is named in `warnings` and covers every machine.
   */
  static async resolve(
    client: ArmClient,
    packages: Readonly<Record<string, DeclaredPackages>> | undefined,
    checked: FleetScope,
    checkedSubscriptions: readonly string[],
    warnings: string[],
  ): Promise<ExpectedPlacements> {
    const groups = new Map<string, Promise<ReadonlySet<string> | undefined>>();
    const subscriptionsOf = (scope: FleetScope & { kind: 'managementGroup' }) => {
      const key = fold(scope.managementGroup);
      if (!groups.has(key)) {
        groups.set(
          key,
          checked.kind === 'managementGroup' && fold(checked.managementGroup) === key
            ? Promise.resolve(new Set(checkedSubscriptions.map(fold)))
            : targetsOf(client, scope).then(
                (targets) => new Set(targets.map((t) => fold(t.subscription))),
                (e: Error) => {
                  warnings.push(
                    `management group ${scope.managementGroup} could not be read (${e.message}): its policies are taken to cover every machine`,
                  );
                  return undefined;
                },
              ),
        );
      }
      return groups.get(key)!;
    };
    const scopes = new Map<string, ResolvedScope[]>();
    for (const [endpoint, p] of Object.entries(packages ?? {})) {
      if (p.machinesKnownAtDeploy)
        warnings.push(
          `${endpoint}: ${p.machinesKnownAtDeploy} of its machines are known only at deploy time: a machine without its assignment is reported only where the declaration names it`,
        );
      const resolved: ResolvedScope[] = [];
      for (const policy of p.policies) {
        let scope: FleetScope;
        try {
          scope = parseScope(policy.scope);
        } catch {
          continue; // a scope the construct refused cannot be in a synth output
        }
        const subscriptions = scope.kind === 'managementGroup' ? await subscriptionsOf(scope) : undefined;
        if (scope.kind === 'managementGroup' && !subscriptions) {
          resolved.push({ scope: { kind: 'managementGroup', managementGroup: '*' }, includeArcMachines: true });
          continue;
        }
        resolved.push({
          scope,
          includeArcMachines: policy.includeArcMachines,
          ...(subscriptions ? { subscriptions } : {}),
        });
      }
      scopes.set(endpoint, resolved);
    }
    return new ExpectedPlacements(packages ?? {}, scopes);
  }

  /** Whether `machine` should carry `endpoint`'s assignment. */
  expects(endpoint: string, machine: FleetMachine): boolean {
    const p = this.packages[endpoint];
    if (!p) return true;
    if (this.machines.get(endpoint)?.has(fold(machine.id))) return true;
    return (this.scopes.get(endpoint) ?? []).some((s) => covers(s, machine));
  }
}
