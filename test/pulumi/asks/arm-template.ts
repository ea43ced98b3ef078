/**
 * What a template deployment asks ARM for: each resource of the template, with the parameters
 * put in (expressions evaluated by ./arm-expression), as its path below the resource group and
 * its body. A resource whose `condition` is false is not deployed and asks nothing.
 */
import { evaluateTemplateValue } from './arm-expression';

type Json = unknown;

/** A resource a template deploys: its ARM path below the resource group, and its body. */
export interface TemplateResource {
  /**
   * `providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/x`; an extension
   * resource (type `Microsoft.Compute/virtualMachines/providers/guestConfigurationAssignments`,
   * name `vm1/Microsoft.GuestConfiguration/a`) pairs the same way:
   * `providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/a`.
   */
  readonly path: string;
  /** The resource as the deployment sends it: the template's fields but type, name, apiVersion and condition. */
  readonly body: Record<string, Json>;
}

/** The resources a template deploys with these parameters (`{ name: { value } }`, as in parameters_content). */
export function templateResources(
  template: { resources?: readonly Record<string, Json>[] },
  parameterValues: Readonly<Record<string, { value: Json }>>,
): TemplateResource[] {
  const parameters = Object.fromEntries(Object.entries(parameterValues).map(([k, v]) => [k, v.value]));
  return (template.resources ?? []).flatMap((r) => {
    const { condition, ...resource } = r;
    if (condition !== undefined) {
      const deployed = evaluateTemplateValue(condition, parameters);
      if (typeof deployed !== 'boolean') throw new Error(`condition ${JSON.stringify(condition)} is not a boolean`);
      if (!deployed) return [];
    }
    const { type, name, apiVersion: _a, ...body } = evaluateTemplateValue(resource, parameters) as Record<string, Json>;
    void _a;
    const [namespace, ...types] = String(type).split('/');
    const names = String(name).split('/');
    if (types.length !== names.length) throw new Error(`type ${String(type)} and name ${String(name)} do not pair`);
    return [{ path: ['providers', namespace, ...types.flatMap((t, i) => [t, names[i]])].join('/'), body }];
  });
}
