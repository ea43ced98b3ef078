import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GeneratedFile } from '../constructs/cdktf';
import { PsHashtable, render } from '../src/psd1';

/**
 * The example estate `npm start` synthesizes into cdktf.out/. Until the JEA constructs land it
 * writes one real role capability file, rendered by the data-file engine.
 */
class ExampleEstate extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const dnsOperator = PsHashtable.from([
      ['GUID', '0d3f7ec8-2a54-4c0e-9d0b-2f7a4f1b8c11'],
      ['Description', 'DNS operators: restart the DNS service and manage zones'],
      [
        'VisibleCmdlets',
        [
          'DnsServer\\Get-DnsServer*',
          PsHashtable.from([
            ['Name', 'Restart-Service'],
            ['Parameters', PsHashtable.from([['Name', 'Name'], ['ValidateSet', ['Dns']]])],
          ]),
        ],
      ],
    ]);
    const file = new GeneratedFile(this, 'DnsOperatorRole', {
      path: 'jea/DnsOperators/RoleCapabilities/DnsOperator.psrc',
      content: render(dnsOperator),
    });
    new TerraformOutput(this, 'role_capability_files', { value: [file.path] });
  }
}

const app = new App({ outdir: 'cdktf.out' });
new ExampleEstate(app, 'estate');
app.synth();
