import { App, Aspects } from 'cdktf';
import { JeaChecks } from '../constructs/cdktf';
import { JeaEstate } from './estate';

/** The example estate `npm start` (and `cdktf synth`) synthesizes into cdktf.out/. */
const app = new App({ outdir: 'cdktf.out' });
new JeaEstate(app, 'contoso');
// The security rules run at synth: an error fails it before anything is written.
Aspects.of(app).add(new JeaChecks());
app.synth();
