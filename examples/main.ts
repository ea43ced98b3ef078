import { App } from 'cdktf';
import { JeaEstate } from './estate';

/** The example estate `npm start` (and `cdktf synth`) synthesizes into cdktf.out/. */
const app = new App({ outdir: 'cdktf.out' });
new JeaEstate(app, 'contoso');
app.synth();
