/**
 * The files `jeajit init` writes: a new IaC repository that depends on jeajit and one engine,
 * with one role, one endpoint, one JIT policy and the security checks, ready to synthesize.
 */

/** The engines a new repository can use. */
export type InitEngine = 'cdktf' | 'pulumi';

/** What the templates need: the project name and the versions to depend on. */
export interface InitOptions {
  readonly name: string;
  readonly engine: InitEngine;
  /** The jeajit dependency (a version range, or a path/tarball for testing). */
  readonly jeajit: string;
  /** Version ranges of the engine packages and tools, by package name. */
  readonly versions: Readonly<Record<string, string>>;
}

/** A file to write, relative to the new repository. */
export interface InitFile {
  readonly path: string;
  readonly content: string;
}

const VM =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/vm-app01';

/** The estate both engines declare, given the engine's way to make each construct. */
function estateBody(make: (kind: string, id: string) => string): string {
  return `  // One role: DNS operators may read DNS and restart only the DNS service.
  const dnsOperator = ${make('RoleCapability', 'DnsOperator')} {
    description: 'Operate DNS: read zones, restart the DNS service',
    visibleCmdlets: [
      'DnsServer\\\\Get-DnsServerZone',
      { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] },
    ],
  });
  // The module that carries it to the hosts.
  ${make('JeaModule', 'DnsModule')} { name: 'ContosoJeaDns', version: '1.0.0', roleCapabilities: [dnsOperator] });
  // One endpoint: who may connect, as which account, with which role.
  const endpoint = ${make('SessionConfiguration', 'JEA-DNS')} {
    description: 'DNS operators',
    runAs: { virtualAccount: true, groups: ['CONTOSO\\\\DnsAdmins'] },
    transcriptDirectory: 'C:\\\\ProgramData\\\\JEA\\\\Transcripts',
    roleDefinitions: [{ principal: 'CONTOSO\\\\JEA-DNS-Operators', roleCapabilities: [dnsOperator] }],
  });
  // One JIT policy: WinRM over HTTPS on request, from the corporate range, for at most 3 hours.
  ${make('VmJitAccessPolicy', 'WinRmJit')} {
    resourceGroupName: 'rg-servers',
    location: 'westeurope',
    virtualMachines: [{ id: '${VM}', ports: [{ number: 5986, allowedSourceAddressPrefixes: ['10.0.0.0/8'], maxRequestAccessDuration: 'PT3H' }] }],
  });
`;
}

function cdktfMain(): string {
  return `import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { JeaChecks, JeaModule, RoleCapability, SessionConfiguration, VmJitAccessPolicy } from 'jeajit/cdktf';

/** The JEA estate: roles, endpoints and just-in-time access, checked by jeajit's rules at synth. */
class JeaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new AzureadProvider(this, 'azuread', {});
${estateBody((kind, id) => `new ${kind}(this, '${id}',`)
  .replace(/^/gm, '  ')
  .replace(/^  $/gm, '')}    new TerraformOutput(this, 'endpoint', { value: endpoint.name });
    // The security rules: an error fails synth; accepted findings need a reason.
    Aspects.of(this).add(new JeaChecks());
  }
}

const app = new App();
new JeaStack(app, 'jea');
app.synth();
`;
}

function pulumiMain(): string {
  return `import * as pulumi from '@pulumi/pulumi';
import { JeaModule, JeaScope, RoleCapability, SessionConfiguration, VmJitAccessPolicy, jeaChecks, writeEndpointFiles } from 'jeajit/pulumi';

/** The JEA estate: roles, endpoints and just-in-time access, checked by jeajit's rules. */
const scope = new JeaScope('jea');
const opts = { parent: scope };
${estateBody((kind, id) => `new ${kind}('${id}',`).replace(/\}\);\n/g, '}, opts);\n')}
// The security rules: an error fails the program.
jeaChecks(scope);
// The endpoint files (what hosts get), for review: jeajit lint / jeajit diff read this folder.
writeEndpointFiles(new pulumi.Config('jeajit').get('outDir') ?? 'jea-out', [endpoint]);
`;
}

/** package.json of the new repository: the engine's packages, jeajit, and the scripts CI uses. */
function packageJson(o: InitOptions): string {
  const v = (name: string) => o.versions[name] ?? 'latest';
  const engine =
    o.engine === 'cdktf'
      ? ['cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-azuread']
      : ['@pulumi/pulumi', '@pulumi/azure-native', '@pulumi/azuread'];
  const main = o.engine === 'cdktf' ? 'main.ts' : 'synth.ts';
  const out = o.engine === 'cdktf' ? 'cdktf.out' : 'jea-out';
  const pkg = {
    name: o.name,
    version: '0.1.0',
    private: true,
    description: 'JEA and JIT access, declared with jeajit',
    scripts: {
      synth: `ts-node --transpile-only ${main}`,
      lint: `jeajit lint ${out}`,
      review: `jeajit diff base-${out} ${out} --fail-on dangerous,error`,
    },
    dependencies: Object.fromEntries(
      [['jeajit', o.jeajit] as const, ...engine.map((n) => [n, v(n)] as const)].sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    devDependencies: { '@types/node': v('@types/node'), 'ts-node': v('ts-node'), typescript: v('typescript') },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['*.ts'],
  },
  null,
  2,
)}\n`;

/** A Pulumi program run offline under mocks: writes the endpoint files without a Pulumi engine or cloud (for CI review). */
const PULUMI_SYNTH = `import * as pulumi from '@pulumi/pulumi';

// Offline: resources are mocked, so the program runs without the Pulumi CLI or Azure, and writes
// the endpoint files jeajit lint and jeajit diff review. \`pulumi up\` runs index.ts for real.
pulumi.runtime.setMocks({
  newResource: (args) => ({ id: \`\${args.name}-id\`, state: args.inputs }),
  call: (args) => args.inputs,
});
require('./index');
`;

function readme(o: InitOptions): string {
  const out = o.engine === 'cdktf' ? 'cdktf.out' : 'jea-out';
  const deploy =
    o.engine === 'cdktf'
      ? '`npx cdktf deploy` (install cdktf-cli, or CDK Terrain, and Terraform)'
      : '`pulumi up` (install the Pulumi CLI)';
  return `# ${o.name}

JEA role capabilities, endpoints and just-in-time access, declared with
[jeajit](https://www.npmjs.com/package/jeajit) (${o.engine}).

## Next steps

1. \`npm install\`
2. Edit \`${o.engine === 'cdktf' ? 'main.ts' : 'index.ts'}\`: your roles, endpoints, principals, VMs.
3. \`npm run synth\` writes the files hosts get to \`${out}/\` and runs the security rules (an error fails it).
4. \`npm run lint\` lists every finding with its file, line and the TypeScript that declared it.
5. Commit (merge the workflows first), and let \`.github/workflows/jeajit-review.yml\` (untrusted:
   synth, lint, diff) and \`jeajit-review-comment.yml\` (trusted: one comment, code scanning)
   review each pull request: who gains or loses which rights, what is dangerous, and a gate on
   dangerous rights and new errors (see \`.github/jeajit/\`).
6. Deploy with ${deploy}.
`;
}

const GITIGNORE = 'node_modules/\ncdktf.out/\njea-out/\nbase-cdktf.out/\nbase-jea-out/\n.gen/\n';

/** Every file of a new repository (the review workflow files are added by the caller, from the package). */
export function initFiles(o: InitOptions): InitFile[] {
  const engineFiles: InitFile[] =
    o.engine === 'cdktf'
      ? [
          { path: 'main.ts', content: cdktfMain() },
          {
            path: 'cdktf.json',
            content: `${JSON.stringify({ language: 'typescript', app: 'npx ts-node --transpile-only main.ts', projectId: o.name, sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`,
          },
        ]
      : [
          { path: 'index.ts', content: pulumiMain() },
          { path: 'synth.ts', content: PULUMI_SYNTH },
          {
            path: 'Pulumi.yaml',
            content: `name: ${o.name}\ndescription: JEA and JIT access, declared with jeajit\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`,
          },
        ];
  return [
    { path: 'package.json', content: packageJson(o) },
    { path: 'tsconfig.json', content: TSCONFIG },
    { path: '.gitignore', content: GITIGNORE },
    { path: 'README.md', content: readme(o) },
    ...engineFiles,
  ];
}
