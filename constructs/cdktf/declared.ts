import { TerraformElement } from 'cdktf';
import { Declared } from '../../src/jea/declared-at';

/**
 * Records where a JIT construct was declared in its main resource's `//` comment block
 * (`//.jeajit.declared`), beside cdktf's own metadata: Terraform ignores `//` keys, and
 * `jeajit lint`/`diff` read it to point findings at the TypeScript that declared them.
 */
export function recordDeclared(resource: TerraformElement, declared: Declared): void {
  resource.addOverride('//.jeajit.declared', declared);
}
