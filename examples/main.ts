import { App, Aspects } from 'cdktf';
import { JeaChecks } from '../constructs/cdktf';
import { ACCEPTED_FINDINGS } from './contoso';
import { JeaEstate } from './estate';

/** The example estate `npm start` (and `cdktf synth`) synthesizes into cdktf.out/. */
const app = new App({ outdir: 'cdktf.out' });
const estate = new JeaEstate(app, 'contoso');
// The security rules run at synth: an error fails it before anything is written. (cdktf applies
// aspects per stack: aspects added to the App are not invoked.)
Aspects.of(estate).add(new JeaChecks({ suppressions: ACCEPTED_FINDINGS }));
app.synth();
console.log(
  `jeajit: synthesized the '${estate.node.id}' stack into ${app.outdir}/ (Terraform JSON in stacks/${estate.node.id}/cdk.tf.json, endpoints in stacks/${estate.node.id}/jea/, Machine Configuration packages in stacks/${estate.node.id}/guestconfig/)`,
);
