import { EffectiveCommand, EffectiveParameter } from '../effective/merge';
import { VisibleCommand } from '../jea/model';

/**
 * A parameter as a grant allows it: a set, engine pattern alternatives (`^(p1|p2)$`), both, or
 * neither (any value). The same shape as an effective parameter (src/effective/merge.ts).
 */
export type GrantedParameter = EffectiveParameter;

/** A command as a grant allows it: no `parameters` means every parameter with any value. */
export interface CommandGrant {
  readonly name: string;
  readonly parameters?: readonly GrantedParameter[];
}

/** The grant a VisibleCmdlets/VisibleFunctions entry declares. */
export function declaredGrant(entry: VisibleCommand): CommandGrant {
  if (typeof entry === 'string') return { name: entry };
  return {
    name: entry.name,
    parameters: (entry.parameters ?? []).map((p) => ({
      name: p.name,
      ...(p.validateSet ? { validateSet: p.validateSet } : {}),
      ...(p.validatePattern !== undefined ? { validatePattern: [p.validatePattern] } : {}),
    })),
  };
}

/** The grant an effective command amounts to (a command also public unconstrained allows everything). */
export function effectiveGrant(command: EffectiveCommand): CommandGrant {
  return command.alsoUnconstrained || !command.parameters
    ? { name: command.name }
    : { name: command.name, parameters: command.parameters };
}
