import { Construct } from 'constructs';
import { AclEntry, checkAcl } from '../../src/acl/endpoint-acl';
import { EndpointAclProps } from '../../src/jea/props';
import { Issues } from '../../src/jea/issues';

/** Props of {@link EndpointAcl} (shared with the Pulumi engine). */
export type { EndpointAclProps };

/**
 * An explicit ACL for a JEA endpoint, instead of the one derived from RoleDefinitions. The
 * session configuration's RequiredGroups still apply: every entry becomes a conditional ACE.
 * Names are resolved to SIDs on the host when the endpoint is registered.
 */
export class EndpointAcl extends Construct {
  /** The entries, in declaration order. */
  readonly entries: readonly AclEntry[];

  constructor(scope: Construct, id: string, props: EndpointAclProps) {
    super(scope, id);
    const issues = new Issues(this.node.path);
    checkAcl({ entries: props.entries }, issues);
    issues.throwIfAny();
    this.entries = props.entries.map((e) => ({ principal: e.principal, access: e.access, rights: [...e.rights] }));
  }
}
