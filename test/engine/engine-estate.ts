/**
 * Lays out endpoints for the engine: each endpoint's .pssc and its roles in module folders
 * (`<root>/Modules/<Module>/RoleCapabilities/<Role>.psrc`, the layout JEA searches), written by
 * our own renderer from the models, with the keys that only a Windows host can honour left out
 * (run-as accounts, transcripts, user drives, startup scripts, types, formats, assemblies: none
 * of them changes which commands are public). Commands the roles name that this pwsh lacks are
 * asked for as stub functions (test/engine/ps/effective.ps1 creates them).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CapabilityModel, RoleCapabilityModel, SessionConfigurationModel } from '../../src/jea/model';
import { encodeRoleCapability } from '../../src/jea/role-capability';
import { encodeSessionConfiguration } from '../../src/jea/session-configuration';
import { EndpointEntry, RoleEntry } from '../../src/policy/policy-set';
import { render } from '../../src/psd1';

/** A stub the engine script creates when pwsh has no such command: module, name, parameters. */
export interface StubRequest {
  readonly module: string;
  readonly name: string;
  readonly parameters: readonly string[];
}

/** One endpoint laid out for the engine. */
export interface EngineEndpoint {
  readonly pssc: string;
  /** The PSModulePath for the session (module folders, then the stubs). */
  readonly modulePath: string;
}

const WINDOWS_ONLY = ['scriptsToProcess', 'typesToProcess', 'formatsToProcess', 'assembliesToLoad'] as const;

function forEngine<T extends CapabilityModel>(model: T): T {
  const copy = { ...model } as Record<string, unknown>;
  for (const key of WINDOWS_ONLY) delete copy[key];
  return copy as T;
}

function sessionForEngine(model: SessionConfigurationModel): SessionConfigurationModel {
  const {
    transcriptDirectory: _t,
    runAsVirtualAccount: _v,
    runAsVirtualAccountGroups: _g,
    groupManagedServiceAccount: _m,
    mountUserDrive: _d,
    userDriveMaximumSize: _s,
    requiredGroups: _r,
    ...rest
  } = model;
  void [_t, _v, _g, _m, _d, _s, _r];
  return {
    ...forEngine(rest),
    schemaVersion: '2.0.0.0',
    ...(rest.roleDefinitions
      ? { roleDefinitions: rest.roleDefinitions.map(([p, g]) => [p, forEngine(g)] as const) }
      : {}),
  };
}

/**
 * Writes one endpoint under `root`: `<name>.pssc` and every role of `roles` at
 * `Modules/<module or JeajitRoles>/RoleCapabilities/<name>.psrc`. RoleCapabilityFiles entries
 * are mapped to `files` (absolute paths written as given by `fileFor`).
 */
export function writeEngineEndpoint(
  root: string,
  stubRoot: string,
  endpoint: EndpointEntry,
  stubModules: readonly string[] = [],
): EngineEndpoint {
  const modules = path.join(root, 'Modules');
  const laid = new Map<string, string>();
  for (const role of endpoint.roles) {
    const dir = path.join(modules, role.module ?? 'JeajitRoles', 'RoleCapabilities');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${role.name}.psrc`);
    fs.writeFileSync(file, render(encodeRoleCapability(forEngine(role.model))));
    laid.set(role.name.toLowerCase(), file);
  }
  fs.mkdirSync(root, { recursive: true });
  const pssc = path.join(root, `${endpoint.name}.pssc`);
  const session = sessionForEngine(endpoint.model);
  // RoleCapabilityFiles name paths on the Windows host: point them at the roles laid out here.
  const roleFile = (f: string) =>
    laid.get(
      f
        .split(/[\\/]/)
        .pop()!
        .replace(/\.psrc$/i, '')
        .toLowerCase(),
    ) ?? f;
  const roleDefinitions = session.roleDefinitions?.map(
    ([p, g]) =>
      [p, g.roleCapabilityFiles ? { ...g, roleCapabilityFiles: g.roleCapabilityFiles.map(roleFile) } : g] as const,
  );
  // On Windows the modules of these commands are loaded in the session; the stubs stand in for them.
  const modulesToImport = [...(session.modulesToImport ?? []), ...stubModules];
  fs.writeFileSync(
    pssc,
    render(
      encodeSessionConfiguration({
        ...session,
        ...(roleDefinitions ? { roleDefinitions } : {}),
        ...(modulesToImport.length ? { modulesToImport } : {}),
      }),
    ),
  );
  return { pssc, modulePath: [modules, stubRoot].join(path.delimiter) };
}

/** Writes a role capability file where RoleCapabilityFiles will name it. */
export function writeRoleFile(file: string, model: RoleCapabilityModel): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, render(encodeRoleCapability(forEngine(model))));
}

/** The commands an endpoint's capabilities name (no wildcards), as stub requests. */
export function stubsFor(endpoints: readonly EndpointEntry[]): StubRequest[] {
  const stubs = new Map<string, { module: string; name: string; parameters: Set<string> }>();
  const visit = (model: CapabilityModel) => {
    for (const entry of [...(model.visibleCmdlets ?? []), ...(model.visibleFunctions ?? [])]) {
      const full = typeof entry === 'string' ? entry : entry.name;
      if (/[*?[]/.test(full)) continue;
      const slash = full.lastIndexOf('\\');
      const name = full.slice(slash + 1);
      const module = slash < 0 ? 'JeajitStubs' : full.slice(0, slash);
      const key = `${module}\\${name}`.toLowerCase();
      const stub = stubs.get(key) ?? { module, name, parameters: new Set<string>() };
      stubs.set(key, stub);
      if (typeof entry !== 'string')
        for (const p of entry.parameters ?? [])
          if (![...stub.parameters].some((x) => x.toLowerCase() === p.name.toLowerCase())) stub.parameters.add(p.name);
    }
    for (const spec of model.modulesToImport ?? []) {
      const module = typeof spec === 'string' ? spec : spec.moduleName;
      if (!/[\\/:]/.test(module)) stubs.set(`${module}\\`.toLowerCase(), { module, name: '', parameters: new Set() });
    }
  };
  const defined = new Set(
    endpoints
      .flatMap((ep) => [
        ep.model,
        ...(ep.model.roleDefinitions ?? []).map(([, g]) => g),
        ...ep.roles.map((r) => r.model),
      ])
      .flatMap((m) => (m.functionDefinitions ?? []).map((f) => f.name.toLowerCase())),
  );
  for (const ep of endpoints) {
    visit(ep.model);
    for (const [, grant] of ep.model.roleDefinitions ?? []) visit(grant);
    ep.roles.forEach((r: RoleEntry) => visit(r.model));
  }
  // Functions the capabilities define themselves need no stub.
  return [...stubs.values()]
    .filter((s) => !defined.has(s.name.toLowerCase()))
    .map((s) => ({ module: s.module, name: s.name, parameters: [...s.parameters] }));
}
