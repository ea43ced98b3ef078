/**
 * Where PowerShell and its documentation differ: each reading of PowerShell's source
 * (InitialSessionStateProvider.cs, InitialSessionState.cs) settled by running the engine. Every
 * case is a small estate written as text (so that spellings the writer would never produce can
 * be tried), one pwsh process for all, and an assertion on what the engine did. The README's
 * section of the same name points here, one test a difference.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { effectiveRights } from '../../src/effective/effective';
import { loadPolicyFiles } from '../../src/policy/load-files';
import { EngineCall, EngineCommand, EngineSession, engineSessions } from './engine-rights';
import { describeEngine } from './pwsh';

/** One reading: roles as .psrc text by module, a .pssc, the principals, calls to make. */
interface Reading {
  readonly roles: Readonly<Record<string, string>>;
  readonly pssc: string;
  readonly calls?: readonly (
    { command: string; parameters?: Record<string, unknown>; qualify?: boolean } | { script: string }
  )[];
  /** Role paths laid out under a version folder: `<Module>/1.0.0/RoleCapabilities`. */
  readonly versioned?: boolean;
  /** A module of script functions laid out beside the roles: name -> psm1 text. */
  readonly modules?: Readonly<Record<string, string>>;
}

const pssc = (roles: string, extra = '') =>
  `@{ SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'${extra}; RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ RoleCapabilities = ${roles} } } }`;

const READINGS = {
  bareAndConstrained: {
    roles: {
      A: "@{ VisibleCmdlets = 'Get-Date' }",
      B: "@{ VisibleCmdlets = @{ Name = 'Get-Date'; Parameters = @{ Name = 'Format'; ValidateSet = 'yyyy' } } }",
    },
    pssc: pssc("'A', 'B'"),
    calls: [
      { command: 'Get-Date', parameters: { Format: 'yyyy' } },
      { command: 'Get-Date', parameters: { Format: 'HH' } },
      { command: 'Microsoft.PowerShell.Utility\\Get-Date', parameters: { Format: 'HH' } },
    ],
  },
  importModule: {
    roles: { A: "@{ VisibleCmdlets = 'Import-Module', 'Get-Date'; VisibleAliases = 'ipmo' }" },
    pssc: pssc("'A'"),
    calls: [{ command: 'Import-Module', parameters: { Name: 'Microsoft.PowerShell.Utility' } }],
  },
  importModuleConstrained: {
    roles: { A: "@{ VisibleCmdlets = @{ Name = 'Import-Module'; Parameters = @{ Name = 'Name' } } }" },
    pssc: pssc("'A'"),
  },
  bareAndConstrainedFunction: {
    roles: {
      A: "@{ VisibleCmdlets = 'Get-Foo' }",
      B: "@{ VisibleCmdlets = @{ Name = 'Get-Foo'; Parameters = @{ Name = 'A'; ValidateSet = 'x' } } }",
    },
    modules: { FooModule: 'function Get-Foo { [CmdletBinding()] param($A) "foo $A" }' },
    pssc: pssc("'A', 'B'"),
    calls: [
      { command: 'Get-Foo', parameters: { A: 'y' } },
      { command: 'FooModule\\Get-Foo', parameters: { A: 'y' } },
    ],
  },
  bareParameterAndSet: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Get-Random'; Parameters = @{ Name = 'Maximum' } } }",
      B: "@{ VisibleCmdlets = @{ Name = 'Get-Random'; Parameters = @{ Name = 'Maximum'; ValidateSet = '5' } } }",
    },
    pssc: pssc("'A', 'B'"),
    calls: [{ command: 'Get-Random', parameters: { Maximum: 7 } }],
  },
  setAndPattern: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject'; ValidateSet = 'apple', 'banana' } } }",
      B: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject'; ValidatePattern = 'b.*', 'c.*' } } }",
    },
    pssc: pssc("'A', 'B'"),
    calls: [
      { command: 'Write-Output', parameters: { InputObject: 'banana' } },
      { command: 'Write-Output', parameters: { InputObject: 'apple' } },
      { command: 'Write-Output', parameters: { InputObject: 'cherry' } },
    ],
  },
  anchoredPattern: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject'; ValidatePattern = 'Spool' } } }",
    },
    pssc: pssc("'A'"),
    calls: [
      { command: 'Write-Output', parameters: { InputObject: 'spool' } },
      { command: 'Write-Output', parameters: { InputObject: 'Spooler' } },
      { command: 'Write-Output', parameters: { InputObject: 'xSpool' } },
    ],
  },
  misspelledKey: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject'; validateset = 'a' } } }",
    },
    pssc: pssc("'A'"),
    calls: [{ command: 'Write-Output', parameters: { InputObject: 'anything' } }],
  },
  misspelledKeyVoidsAnotherRole: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject'; validateSet = 'a' } } }",
      B: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject'; ValidateSet = 'b' } } }",
    },
    pssc: pssc("'A', 'B'"),
    calls: [{ command: 'Write-Output', parameters: { InputObject: 'anything' } }],
  },
  constraintOutsideParameters: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Write-Output'; Parameters = @{ Name = 'InputObject' }; ValidateSet = 'a' } }",
    },
    pssc: pssc("'A'"),
    calls: [{ command: 'Write-Output', parameters: { InputObject: 'anything' } }],
  },
  noParameters: {
    roles: { A: "@{ VisibleCmdlets = @{ Name = 'Get-Date' } }" },
    pssc: pssc("'A'"),
  },
  wildcardHashtableName: {
    roles: {
      A: "@{ VisibleCmdlets = 'Get-Random', @{ Name = 'Get-Ran*'; Parameters = @{ Name = 'Maximum'; ValidateSet = '5' } } }",
    },
    pssc: pssc("'A'"),
    calls: [{ command: 'Get-Random', parameters: { Maximum: 9 } }],
  },
  bothLists: {
    roles: {
      A: "@{ VisibleCmdlets = @{ Name = 'Get-Date'; Parameters = @{ Name = 'Format' } }; VisibleFunctions = @{ Name = 'Get-Date'; Parameters = @{ Name = 'UFormat' } } }",
    },
    pssc: pssc("'A'"),
  },
  versionFolder: {
    roles: { A: "@{ VisibleCmdlets = 'Get-Date' }" },
    pssc: pssc("'A'"),
    versioned: true,
  },
  moduleNotLoaded: {
    roles: { A: "@{ VisibleCmdlets = @{ Name = 'Get-Foo'; Parameters = @{ Name = 'A' } } }" },
    modules: { FooModule: 'function Get-Foo { [CmdletBinding()] param($A) "foo $A" }' },
    pssc: pssc("'A'"),
    calls: [{ command: 'Get-Foo', parameters: { A: 'x' } }],
  },
  simpleFunctionSwallowsParameters: {
    roles: {
      A: "@{ VisibleFunctions = @{ Name = 'Get-Bar'; Parameters = @{ Name = 'A'; ValidateSet = 'x' } }; FunctionDefinitions = @{ Name = 'Get-Bar'; ScriptBlock = { param($A, $B) \"bar $A $B $args\" } } }",
    },
    pssc: pssc("'A'"),
    calls: [{ command: 'Get-Bar', parameters: { A: 'x', B: 'secret' } }],
  },
  definedWithoutVisibleFunctions: {
    roles: {
      A: "@{ VisibleCmdlets = 'Get-Date'; FunctionDefinitions = @{ Name = 'Get-Bar'; ScriptBlock = { 'bar' } } }",
    },
    pssc: pssc("'A'"),
    calls: [{ command: 'Get-Bar' }],
  },
} satisfies Record<string, Reading>;

type Name = keyof typeof READINGS;

describeEngine('where PowerShell and its documentation differ (each settled by the engine)', () => {
  let sessions: Record<string, EngineSession>;
  let root: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-readings-'));
    const cases = Object.entries(READINGS as Record<string, Reading>).map(([name, r]) => {
      const dir = path.join(root, name);
      for (const [role, text] of Object.entries(r.roles)) {
        const roleDir = path.join(dir, 'Modules', 'Roles', ...(r.versioned ? ['1.0.0'] : []), 'RoleCapabilities');
        fs.mkdirSync(roleDir, { recursive: true });
        fs.writeFileSync(path.join(roleDir, `${role}.psrc`), text);
      }
      for (const [module, text] of Object.entries(r.modules ?? {})) {
        fs.mkdirSync(path.join(dir, 'Modules', module), { recursive: true });
        fs.writeFileSync(path.join(dir, 'Modules', module, `${module}.psm1`), text);
      }
      fs.writeFileSync(path.join(dir, 'E.pssc'), r.pssc);
      return {
        id: name,
        pssc: path.join(dir, 'E.pssc'),
        modulePath: path.join(dir, 'Modules'),
        principals: ['CONTOSO\\Ops'],
        calls: r.calls ?? [],
      };
    });
    sessions = engineSessions(cases, [], path.join(root, 'stubs'));
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const session = (name: Name) => {
    const s = sessions[name];
    if (!s.ok) throw new Error(`${name}: the engine refused the session: ${s.error}`);
    return s;
  };
  const command = (name: Name, command: string): EngineCommand | undefined =>
    session(name).commands.find((c) => c.name.toLowerCase() === command.toLowerCase() && c.type !== 'Alias');
  const calls = (name: Name): EngineCall[] => session(name).calls ?? [];
  const ours = (name: Name) => {
    const loaded = loadPolicyFiles([path.join(root, name)]);
    return {
      problems: loaded.problems,
      result: effectiveRights(loaded.set.endpoints[0], 'CONTOSO\\Ops', [], { ignoreRequiredGroups: true }),
    };
  };

  it('a command bare in one role and constrained in another stays constrained, and its module-qualified name runs it with any value', () => {
    expect(command('bareAndConstrained', 'Get-Date')).toMatchObject({
      type: 'Function',
      proxyOf: 'Microsoft.PowerShell.Utility\\Get-Date',
    });
    expect(session('bareAndConstrained').commands).toContainEqual(
      expect.objectContaining({ name: 'Get-Date', type: 'Cmdlet' }),
    );
    expect(calls('bareAndConstrained').map((c) => c.ok)).toEqual([true, false, true]);
    expect(ours('bareAndConstrained').result.rights.visibleCmdlets).toContainEqual({
      name: 'Get-Date',
      parameters: [{ name: 'Format', validateSet: ['yyyy'] }],
      alsoUnconstrained: true,
    });
  });

  it('for a function, the wrapped original stays public under a new name (Name_<guid>), and its module-qualified name runs it', () => {
    expect(session('bareAndConstrainedFunction').commands.some((c) => /^Get-Foo_[0-9a-f]{32}$/.test(c.name))).toBe(
      true,
    );
    expect(calls('bareAndConstrainedFunction').map((c) => c.ok)).toEqual([false, true]);
  });

  it('Import-Module and ipmo listed by name stay private; a constrained Import-Module is a public proxy', () => {
    expect(command('importModule', 'Import-Module')).toBeUndefined();
    expect(session('importModule').commands.some((c) => c.name.toLowerCase() === 'ipmo')).toBe(false);
    expect(calls('importModule')[0].ok).toBe(false);
    const rights = ours('importModule').result.rights;
    expect(rights.visibleCmdlets.map((c) => c.name)).toContain('Get-Date');
    expect(rights.visibleCmdlets.map((c) => c.name)).not.toContain('Import-Module');
    expect(rights.visibleAliases).not.toContain('ipmo');
    // constrained, it is a public proxy (which loads a module by path once FileSystem is visible)
    expect(command('importModuleConstrained', 'Import-Module')).toMatchObject({
      type: 'Function',
      parameters: [{ name: 'Name' }],
    });
    expect(ours('importModuleConstrained').result.rights.visibleCmdlets).toContainEqual({
      name: 'Import-Module',
      parameters: [{ name: 'Name' }],
    });
  });

  it('a parameter listed bare in one role and with a ValidateSet in another is constrained', () => {
    expect(command('bareParameterAndSet', 'Get-Random')?.parameters).toEqual([{ name: 'Maximum', validateSet: ['5'] }]);
    expect(calls('bareParameterAndSet')[0].ok).toBe(false);
  });

  it('a ValidateSet in one role and a ValidatePattern in another both apply: a value must pass both', () => {
    expect(command('setAndPattern', 'Write-Output')?.parameters).toEqual([
      {
        name: 'InputObject',
        validateSet: ['apple', 'banana'],
        validatePattern: '^(b.*|c.*)$',
        patternOptions: 'IgnoreCase',
      },
    ]);
    expect(calls('setAndPattern').map((c) => c.ok)).toEqual([true, false, false]);
  });

  it('ValidatePattern is always anchored and case-insensitive: ^(pattern)$', () => {
    expect(calls('anchoredPattern').map((c) => c.ok)).toEqual([true, false, false]);
  });

  it('a key spelled other than ValidateSet is dropped without an error, leaving the parameter open; jeajit refuses the file', () => {
    expect(command('misspelledKey', 'Write-Output')?.parameters).toEqual([{ name: 'InputObject' }]);
    expect(calls('misspelledKey')[0].ok).toBe(true);
    expect(ours('misspelledKey').problems[0]?.message).toMatch(/spelled exactly 'ValidateSet'/);
  });

  it('a misspelled key in one role voids the correct ValidateSet of another role on the same parameter', () => {
    expect(command('misspelledKeyVoidsAnotherRole', 'Write-Output')?.parameters).toEqual([{ name: 'InputObject' }]);
    expect(calls('misspelledKeyVoidsAnotherRole')[0].ok).toBe(true);
  });

  it('a constraint outside Parameters is ignored without an error; jeajit refuses the file', () => {
    expect(command('constraintOutsideParameters', 'Write-Output')?.parameters).toEqual([{ name: 'InputObject' }]);
    expect(calls('constraintOutsideParameters')[0].ok).toBe(true);
    expect(ours('constraintOutsideParameters').problems[0]?.message).toMatch(/unknown key/);
  });

  it('a hashtable entry without Parameters makes the session fail to start; jeajit refuses the file', () => {
    expect(sessions.noParameters).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Could not parse visible command definition for 'Get-Date'/),
    });
    expect(ours('noParameters').problems[0]?.message).toMatch(/needs Parameters/);
  });

  it('a wildcard in a hashtable Name matches nothing: the constraint is skipped silently', () => {
    expect(command('wildcardHashtableName', 'Get-Random')).toMatchObject({ type: 'Cmdlet' });
    expect(calls('wildcardHashtableName')[0].ok).toBe(true);
  });

  it('one name constrained in both VisibleCmdlets and VisibleFunctions makes the session fail', () => {
    expect(sessions.bothLists).toMatchObject({
      ok: false,
      error: expect.stringMatching(/same key has already been added/),
    });
    expect(ours('bothLists').result.sessionFails).toMatch(/both VisibleCmdlets and VisibleFunctions/);
  });

  it('roles in a module version folder are never found: the session fails (PowerShell/PowerShell#3522, #4105)', () => {
    expect(sessions.versionFolder).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Could not find the role capability, 'A'/),
    });
    expect(ours('versionFolder').result.sessionFails).toMatch(/CouldNotFindRoleCapability/);
  });

  it('a constrained command of a module the session has not loaded is dropped silently', () => {
    expect(command('moduleNotLoaded', 'Get-Foo')).toBeUndefined();
    expect(calls('moduleNotLoaded')[0]).toMatchObject({ ok: false });
  });

  it('a constrained function without [CmdletBinding()] takes unlisted parameters without an error (they do not reach it by name)', () => {
    expect(calls('simpleFunctionSwallowsParameters')[0]).toMatchObject({ ok: true });
  });

  it('a defined function is public when no role lists VisibleFunctions', () => {
    expect(command('definedWithoutVisibleFunctions', 'Get-Bar')).toMatchObject({ type: 'Function' });
    expect(calls('definedWithoutVisibleFunctions')[0].ok).toBe(true);
    expect(ours('definedWithoutVisibleFunctions').result.rights.visibleFunctions).toContainEqual({ name: 'Get-Bar' });
  });
});
