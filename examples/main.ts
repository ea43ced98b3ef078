import { App, Aspects } from 'cdktf';
import { JeaChecks } from '../constructs/cdktf';
import { JeaEstate } from './estate';

/** The example estate `npm start` (and `cdktf synth`) synthesizes into cdktf.out/. */
const app = new App({ outdir: 'cdktf.out' });
const estate = new JeaEstate(app, 'contoso');
// The security rules run at synth: an error fails it before anything is written. (cdktf applies
// aspects per stack: aspects added to the App are not invoked.)
Aspects.of(estate).add(
  new JeaChecks({
    suppressions: [
      { ruleId: 'JEA014', file: 'JEA-Maintenance', reason: 'maintenance restarts services and the server, which needs a local administrator' },
      { ruleId: 'JEA002', file: 'DnsOperator', path: 'VisibleCmdlets', reason: 'the DnsServer wildcards cover read and record cmdlets only; reviewed with each module update' },
    ],
  }),
);
app.synth();
