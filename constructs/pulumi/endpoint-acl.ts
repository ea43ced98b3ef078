import { AclEntry, checkAcl } from '../../src/acl/endpoint-acl';
import { EndpointAclProps } from '../../src/jea/props';
import { Issues } from '../../src/jea/issues';
import { JeaComponent, JeaComponentOptions } from './component';

/** Props of {@link EndpointAcl}, as the cdktf EndpointAcl takes them. */
export type { EndpointAclProps };

/**
 * An explicit ACL for a JEA endpoint, instead of the one derived from RoleDefinitions. The
 * session configuration's RequiredGroups still apply: every entry becomes a conditional ACE.
 * Names are resolved to SIDs on the host when the endpoint is registered.
 */
export class EndpointAcl extends JeaComponent {
  /** The entries, in declaration order. */
  readonly entries: readonly AclEntry[];

  constructor(name: string, props: EndpointAclProps, opts?: JeaComponentOptions) {
    super('jeajit:acl:EndpointAcl', name, opts);
    const issues = new Issues(this.path);
    checkAcl({ entries: props.entries }, issues);
    issues.throwIfAny();
    this.entries = props.entries.map((e) => ({ principal: e.principal, access: e.access, rights: [...e.rights] }));
    this.registerOutputs({ entries: this.entries });
  }
}
