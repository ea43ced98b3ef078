import * as fs from 'fs';
import * as path from 'path';
import { DeferrableCheck, DEFERRABLE_CHECKS } from '../jea/capability-policy';
import { describeValue, Issues, ValidationError, ValidationIssue } from '../jea/issues';
import { RoleCapabilityModel, RoleGrant, SessionConfigurationModel } from '../jea/model';
import { decodeRoleCapability, defineRoleCapability } from '../jea/role-capability';
import { decodeSessionConfiguration, defineSessionConfiguration } from '../jea/session-configuration';
import { inlineCapabilities } from '../effective/role-lookup';
import { parse, Psd1Document, Psd1Error } from '../psd1';
import { locateIssues } from '../policy/load-files';
import { extractComments } from '../psd1/comments';
import { Code, identifier, tsLiteral } from './ts-literal';

/** Options of {@link generateImport}. */
export interface ImportOptions {
  /** The class name of the generated stack. @default 'ImportedJea' */
  readonly className?: string;
  /** Where the generated code imports the constructs from. @default 'jeajit/cdktf' */
  readonly from?: string;
}

/** A file that could not be imported, and why. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImportError';
  }
}

interface ImportedRole {
  readonly file: string;
  readonly name: string;
  readonly module: { name: string; version: string };
  readonly model: RoleCapabilityModel;
  readonly exceptions: DeferrableCheck[];
  variable?: string;
}

interface ImportedEndpoint {
  readonly file: string;
  readonly name: string;
  readonly model: SessionConfigurationModel;
  readonly exceptions: DeferrableCheck[];
}

/**
 * Turns existing .psrc/.pssc files (any encoding PowerShell reads) into idiomatic TypeScript
 * that declares them with jeajit's cdktf constructs, keeping each file's GUID, so that
 * synthesizing it gives files semantically equal to the input. Checks that jeajit would refuse
 * but that have a rule of the same meaning (JEA003, JEA008) become policy exceptions
 * with a reason, so the rules still report them; anything else is an {@link ImportError}.
 * Comments of the input are listed in a note at the top.
 */
export function generateImport(files: readonly string[], options: ImportOptions = {}): string {
  const roles: ImportedRole[] = [];
  const endpoints: ImportedEndpoint[] = [];
  const notes: string[] = [];
  for (const file of files) {
    let doc: Psd1Document;
    try {
      doc = parse(fs.readFileSync(file), { file });
    } catch (e) {
      if (e instanceof Psd1Error) throw new ImportError(file, `${e.line}:${e.column}: ${e.reason}`);
      throw e;
    }
    for (const c of extractComments(doc.text)) notes.push(`${path.basename(file)}:${c.line}: ${c.text}`);
    const issues = new Issues(file);
    const name = path.basename(file).replace(/\.(psrc|pssc)$/i, '');
    if (/\.psrc$/i.test(file)) {
      const model = decodeRoleCapability(doc.value, issues);
      if (!model || issues.any) throw new ImportError(file, `not valid JEA:\n${located(file, doc, issues.all)}`);
      const { guid: _guid, ...content } = model;
      void _guid;
      const exceptions = neededExceptions(file, doc, (deferred) =>
        defineRoleCapability(`import/${name}`, { roleName: name, ...content, policyExceptions: deferred }),
      );
      roles.push({ file, name, module: moduleOf(file), model, exceptions });
    } else if (/\.pssc$/i.test(file)) {
      const model = decodeSessionConfiguration(doc.value, issues);
      if (!model || issues.any) throw new ImportError(file, `not valid JEA:\n${located(file, doc, issues.all)}`);
      if (!model.roleDefinitions?.length)
        throw new ImportError(file, 'no RoleDefinitions: not a JEA endpoint (a SessionConfiguration grants roles)');
      const { schemaVersion: _s, ...content } = model;
      void _s;
      const exceptions = neededExceptions(file, doc, (deferred) =>
        defineSessionConfiguration(`import/${name}`, { ...content, policyExceptions: deferred }),
      );
      endpoints.push({ file, name, model, exceptions });
    } else {
      throw new ImportError(file, 'not a .psrc or .pssc file');
    }
  }
  return render(roles, endpoints, notes, options);
}

/** Issues as `FILE:LINE:COL: field = value: reason` lines, at the positions of their fields. */
function located(file: string, doc: Psd1Document, issues: readonly ValidationIssue[]): string {
  return locateIssues(file, doc, issues)
    .map(
      (p, i) =>
        `${p.file}:${p.line}:${p.column}: ${issues[i].field} = ${describeValue(issues[i].value)}: ${issues[i].reason}`,
    )
    .join('\n');
}

/** The deferrable checks a declaration needs deferred to be created; an ImportError if others fail. */
function neededExceptions(
  file: string,
  doc: Psd1Document,
  define: (deferred: { ruleId: DeferrableCheck; reason: string }[]) => void,
): DeferrableCheck[] {
  const reason = `imported as it is from ${path.basename(file)}; fix it and remove this exception`;
  const attempt = (ids: readonly DeferrableCheck[]): ValidationError | undefined => {
    try {
      define(ids.map((ruleId) => ({ ruleId, reason })));
      return undefined;
    } catch (e) {
      if (e instanceof ValidationError) return e;
      throw e;
    }
  };
  if (!attempt([])) return [];
  const all = [...DEFERRABLE_CHECKS];
  const failure = attempt(all);
  if (failure) throw new ImportError(file, `jeajit cannot declare it as it is:\n${located(file, doc, failure.issues)}`);
  return all.filter((id) => attempt(all.filter((x) => x !== id)) !== undefined);
}

function moduleOf(file: string): { name: string; version: string } {
  const parts = path.resolve(file).split(path.sep);
  const i = parts.lastIndexOf('RoleCapabilities');
  if (i >= 2 && /^\d+(\.\d+){1,3}$/.test(parts[i - 1])) return { name: parts[i - 2], version: parts[i - 1] };
  if (i >= 1) return { name: parts[i - 1], version: '1.0.0' };
  return { name: 'ImportedRoles', version: '1.0.0' };
}

function render(roles: ImportedRole[], endpoints: ImportedEndpoint[], notes: string[], options: ImportOptions): string {
  const taken = new Set<string>(['scope', 'id', 'this']);
  const lines: string[] = [];
  const sources = [...roles, ...endpoints].map((x) => x.file);
  lines.push('// Generated by `jeajit import` from:', ...sources.map((f) => `//   ${f}`));
  if (notes.length) {
    lines.push('//', '// Comments of the input are not kept in the declaration; here they are:');
    for (const n of [...new Set(notes)]) lines.push(`//   ${n.replace(/\*\//g, '* /')}`);
  }
  const usesScriptBlock =
    roles.some((r) => r.model.variableDefinitions?.some((v) => typeof v.value === 'object')) ||
    endpoints.some((e) => JSON.stringify(e.model).includes('"text"'));
  lines.push(
    "import { TerraformStack } from 'cdktf';",
    "import { Construct } from 'constructs';",
    `import { ${[...(roles.length ? ['JeaModule', 'RoleCapability'] : []), ...(endpoints.length ? ['SessionConfiguration'] : []), ...(usesScriptBlock ? ['ScriptBlock'] : [])].join(', ')} } from '${options.from ?? 'jeajit/cdktf'}';`,
    '',
    `/** JEA imported from existing files: roles, the modules that carry them, and endpoints. */`,
    `export class ${options.className ?? 'ImportedJea'} extends TerraformStack {`,
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
  );
  const ids = new Set<string>();
  const constructId = (name: string) => {
    let id = name;
    for (let n = 2; ids.has(id.toLowerCase()); n++) id = `${name}${n}`;
    ids.add(id.toLowerCase());
    return id;
  };
  for (const role of roles) {
    role.variable = identifier(role.name, taken);
    const { guid, ...content } = role.model;
    const props = { roleName: role.name, guid, ...content, ...exceptionsProp(role.exceptions, role.file) };
    lines.push(
      `    const ${role.variable} = new RoleCapability(this, ${JSON.stringify(constructId(role.name))}, ${tsLiteral(props, '    ')});`,
    );
  }
  const modules = new Map<string, ImportedRole[]>();
  for (const role of roles) {
    const key = `${role.module.name}@${role.module.version}`;
    modules.set(key, [...(modules.get(key) ?? []), role]);
  }
  for (const [, members] of modules) {
    const m = members[0].module;
    lines.push(
      `    new JeaModule(this, ${JSON.stringify(constructId(`${m.name}Module`))}, { name: ${JSON.stringify(m.name)}, version: ${JSON.stringify(m.version)}, roleCapabilities: [${members.map((r) => r.variable).join(', ')}] });`,
    );
  }
  for (const ep of endpoints)
    lines.push(
      `    new SessionConfiguration(this, ${JSON.stringify(constructId(ep.name))}, ${endpointProps(ep, roles)});`,
    );
  lines.push('  }', '}', '');
  return lines.join('\n');
}

function exceptionsProp(ids: readonly DeferrableCheck[], file: string): object {
  return ids.length
    ? {
        policyExceptions: ids.map((ruleId) => ({
          ruleId,
          reason: `imported as it is from ${path.basename(file)}; fix it and remove this exception`,
        })),
      }
    : {};
}

/** The props of a SessionConfiguration, with role names pointing at the imported roles' variables. */
function endpointProps(ep: ImportedEndpoint, roles: readonly ImportedRole[]): string {
  const m = ep.model;
  const runAs =
    m.groupManagedServiceAccount !== undefined
      ? { groupManagedServiceAccount: m.groupManagedServiceAccount }
      : m.runAsVirtualAccount
        ? { virtualAccount: true, ...(m.runAsVirtualAccountGroups ? { groups: m.runAsVirtualAccountGroups } : {}) }
        : { connectingUser: true };
  const {
    schemaVersion: _s,
    sessionType,
    runAsVirtualAccount: _v,
    runAsVirtualAccountGroups: _g,
    groupManagedServiceAccount: _m,
    roleDefinitions,
    ...rest
  } = m;
  void [_s, _v, _g, _m];
  const props = {
    sessionType: sessionType ?? 'Default',
    runAs,
    roleDefinitions: (roleDefinitions ?? []).map(([principal, grant]) => roleDefinition(principal, grant, roles)),
    ...rest,
    ...exceptionsProp(ep.exceptions, ep.file),
  };
  return tsLiteral(props, '    ');
}

function roleDefinition(principal: string, grant: RoleGrant, roles: readonly ImportedRole[]): object {
  const refs: Code[] = [];
  const external: string[] = [];
  for (const name of grant.roleCapabilities ?? []) {
    const bare = name.replace(/^[^\\]+\\/, '').toLowerCase();
    const role = roles.find((r) => r.name.toLowerCase() === bare);
    if (role) refs.push(new Code(role.variable!));
    else external.push(name);
  }
  const inline = inlineCapabilities(grant);
  return {
    principal,
    ...(refs.length ? { roleCapabilities: refs } : {}),
    ...(external.length ? { externalRoleCapabilities: external } : {}),
    ...(grant.roleCapabilityFiles?.length ? { roleCapabilityFiles: grant.roleCapabilityFiles } : {}),
    ...(Object.keys(inline).length ? { capabilities: inline } : {}),
  };
}
