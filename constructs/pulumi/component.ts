import * as pulumi from '@pulumi/pulumi';

/** Options of every jeajit component: Pulumi's own, plus the path that names the component. */
export interface JeaComponentOptions extends pulumi.ComponentResourceOptions {
  /**
   * The component's path: what its cdktf construct path would be (`contoso/DnsOperator`). Derived
   * GUIDs, error messages and the Pulumi names of the component and its children use it.
   * @default `<parent path>/<name>` when the parent is a jeajit component, else `<name>`
   */
  readonly path?: string;
}

interface Placement {
  readonly path: string;
  readonly root: object;
}

const placements = new WeakMap<pulumi.Resource, Placement>();
/** The components of each estate (root), in declaration order. */
const members = new WeakMap<object, JeaComponent[]>();
/** The root of components that have no jeajit parent: the program. */
const PROGRAM_ROOT = {};

/**
 * The base of every jeajit component. Its path is its parent's path and its name joined with
 * `/` (a non-jeajit parent contributes nothing; `opts.path` overrides), exactly as a cdktf
 * construct path is built, so that GUIDs derived from it, and so the files, are the same with
 * both engines. The Pulumi name of the component is its path, so names are unique across scopes.
 */
export abstract class JeaComponent extends pulumi.ComponentResource {
  /** The path: `contoso/DnsOperator`. Error messages start with it; derived GUIDs hash it. */
  readonly path: string;
  /** The topmost jeajit ancestor (or a marker for the program), which scopes per-estate checks. */
  readonly root: object;

  /**
   * @param isScope whether the component roots its own estate when it has no jeajit parent
   * (a {@link JeaScope}); other components without one belong to the program's estate.
   */
  protected constructor(type: string, name: string, opts: JeaComponentOptions = {}, isScope = false) {
    const { path: explicit, ...rest } = opts;
    const parent = rest.parent ? placements.get(rest.parent) : undefined;
    const path = explicit ?? (parent ? `${parent.path}/${name}` : name);
    super(type, path, {}, rest);
    this.path = path;
    this.root = parent?.root ?? (isScope ? this : PROGRAM_ROOT);
    placements.set(this, { path: this.path, root: this.root });
    const estate = members.get(this.root) ?? [];
    estate.push(this);
    members.set(this.root, estate);
  }

  /** The components of an estate (a root scope's, or the program's), in declaration order. */
  static membersOf(root: object): readonly JeaComponent[] {
    return members.get(root) ?? [];
  }

  /** The Pulumi name of a child resource: `<path>/<id>`, as the cdktf construct path of the same child. */
  protected childName(id: string): string {
    return `${this.path}/${id}`;
  }

  /** Options of a child resource: parented to this component. */
  protected get childOptions(): pulumi.CustomResourceOptions {
    return { parent: this };
  }
}

/**
 * An Output resolved after the program's current synchronous declarations (on the next turn
 * of the event loop), for values that depend on components declared later, as a cdktf value
 * computed at synth. An error thrown by `compute` fails the deployment.
 */
export function afterDeclarations<T>(compute: () => T): pulumi.Output<pulumi.Unwrap<T>> {
  return pulumi.output(new Promise<void>((resolve) => setImmediate(resolve)).then(compute));
}
