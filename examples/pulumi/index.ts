import * as pulumi from '@pulumi/pulumi';
import { jeaChecks, writeEndpointFiles } from '../../constructs/pulumi';
import { ACCEPTED_FINDINGS } from '../contoso';
import { declareEstate } from './estate';

export { declareEstate } from './estate';

/**
 * The Pulumi program (`pulumi up` in this folder): declares the Contoso estate and writes every
 * endpoint's files to `jeajit:outDir` (default `pulumi-out`), as `jea/<endpoint>/...`, and the
 * Machine Configuration packages as `guestconfig/...`, the same bytes `cdktf synth` writes under
 * `cdktf.out/stacks/contoso/`.
 */
const outDir = new pulumi.Config('jeajit').get('outDir') ?? 'pulumi-out';
const estate = declareEstate('contoso', outDir);
// The security rules, as JeaChecks runs them at cdktf synth: an error fails the program.
jeaChecks(estate.scope, { suppressions: ACCEPTED_FINDINGS });
writeEndpointFiles(outDir, estate.endpoints);

/** Each endpoint's bundle hash: the identity of what its run commands install. */
export const bundles = Object.fromEntries(estate.endpoints.map((e) => [e.name, e.bundleSha256]));
