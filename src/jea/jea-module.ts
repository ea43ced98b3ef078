import { Declared } from './declared-at';
import { PsHashtable, render } from '../psd1';
import { derivedGuid } from './guid';
import { Issues } from './issues';
import { encodeRoleCapability, roleNameProblem } from './role-capability';
import { RoleCapabilityModel } from './model';

/** A file of an endpoint's artifacts: its path (relative, `/`-separated) and exact bytes. */
export interface ArtifactFile {
  readonly path: string;
  readonly content: Uint8Array;
}

/** A role capability inside a module. */
export interface ModuleRole {
  readonly roleName: string;
  readonly model: RoleCapabilityModel;
  /** Where the role was declared (for reports; not part of any file the host gets). */
  readonly declared?: Declared;
}

/** A PowerShell module that carries role capabilities. */
export interface JeaModuleModel {
  readonly name: string;
  readonly version: string;
  readonly guid: string;
  readonly description?: string;
  readonly author?: string;
  readonly companyName?: string;
  readonly copyright?: string;
  readonly roles: readonly ModuleRole[];
}

/** What a module is declared with. */
export type JeaModuleDeclaration = Omit<JeaModuleModel, 'guid'>;

/**
 * Validates a module: a file-safe name, a version of 2 to 4 numbers, at least one role, and no
 * role name twice (JEA finds roles by name; two would shadow each other). The GUID is derived
 * from `path`.
 */
export function defineJeaModule(path: string, declaration: JeaModuleDeclaration): JeaModuleModel {
  const issues = new Issues(path);
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(declaration.name) || declaration.name.endsWith('.')) {
    issues
      .at('name')
      .add(declaration.name, 'not a module name (allowed: a letter, then letters, digits, _ . -; up to 100)');
  }
  if (!/^\d{1,9}(\.\d{1,9}){1,3}$/.test(declaration.version))
    issues.at('version').add(declaration.version, 'not a module version (allowed: 1.0 to 1.0.0.0)');
  if (declaration.roles.length === 0)
    issues.at('roleCapabilities').add([], 'a JEA module needs at least one role capability');
  const seen = new Map<string, number>();
  declaration.roles.forEach((role, i) => {
    const at = issues.at('roleCapabilities').at(i);
    const problem = roleNameProblem(role.roleName);
    if (problem) at.add(role.roleName, problem);
    const key = role.roleName.toLowerCase();
    if (seen.has(key))
      at.add(
        role.roleName,
        `role name used twice in module '${declaration.name}' (also roleCapabilities[${seen.get(key)}]); JEA would load only one of them`,
      );
    seen.set(key, i);
  });
  issues.throwIfAny();
  return { ...declaration, guid: derivedGuid(path) };
}

/** The module manifest: exports nothing (the module only carries RoleCapabilities). */
export function moduleManifest(module: JeaModuleModel): PsHashtable {
  const entries: Array<[string, string | string[]]> = [
    ['RootModule', `${module.name}.psm1`],
    ['ModuleVersion', module.version],
    ['GUID', module.guid],
  ];
  if (module.author !== undefined) entries.push(['Author', module.author]);
  if (module.companyName !== undefined) entries.push(['CompanyName', module.companyName]);
  if (module.copyright !== undefined) entries.push(['Copyright', module.copyright]);
  entries.push([
    'Description',
    module.description ?? `JEA role capabilities: ${module.roles.map((r) => r.roleName).join(', ')}`,
  ]);
  entries.push(
    ['PowerShellVersion', '5.1'],
    ['FunctionsToExport', []],
    ['CmdletsToExport', []],
    ['VariablesToExport', []],
    ['AliasesToExport', []],
  );
  return PsHashtable.from(entries);
}

const PSM1 = '# This module only carries JEA role capabilities (see RoleCapabilities); it exports nothing.\r\n';

const rendered = new WeakMap<JeaModuleModel, ArtifactFile[]>();

/**
 * The module's files under `<Name>/`: manifest, .psm1 and one .psrc per role. Not under
 * `<Name>/<Version>/`: JEA looks for a role only at `<PSModulePath entry>/<Module>/RoleCapabilities/`
 * and never in a version folder (DISCPowerShellConfiguration.GetRoleCapabilityPath; shown by
 * test/engine/installed-endpoints.test.ts), in Windows PowerShell 5.1 and PowerShell 7 alike; the
 * version lives in the manifest. Rendered once per module model: the module folder and every
 * endpoint that carries it share the bytes.
 */
export function moduleFiles(module: JeaModuleModel): ArtifactFile[] {
  let files = rendered.get(module);
  if (!files) {
    files = renderModule(module);
    rendered.set(module, files);
  }
  return files;
}

function renderModule(module: JeaModuleModel): ArtifactFile[] {
  const root = module.name;
  return [
    { path: `${root}/${module.name}.psd1`, content: render(moduleManifest(module)) },
    {
      path: `${root}/${module.name}.psm1`,
      content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PSM1, 'utf8')]),
    },
    ...module.roles.map((role) => ({
      path: `${root}/RoleCapabilities/${role.roleName}.psrc`,
      content: render(encodeRoleCapability(role.model)),
    })),
  ];
}
