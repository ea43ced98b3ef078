import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parse } from '../../src/psd1';
import { loadPolicyFiles } from '../../src/policy/load-files';
import { RULES } from '../../src/rules/registry';
import { Rule } from '../../src/rules/rule';
import { hasErrors, runRules } from '../../src/rules/run';
import { CORPUS_DIR } from '../helpers/corpus';
import { hostileString } from '../helpers/arbitraries';
import { endpoint, goodEndpointModel, policy, role, where, withRole } from './helpers';

/** Every rule id with the severity the catalog fixes. */
const CATALOG: Record<string, 'error' | 'warning'> = {
  JEA001: 'error',
  JEA002: 'warning',
  JEA003: 'error',
  JEA004: 'warning',
  JEA005: 'warning',
  JEA006: 'warning',
  JEA007: 'error',
  JEA008: 'warning',
  JEA009: 'error',
  JEA010: 'error',
  JEA011: 'error',
  JEA012: 'error',
  JEA013: 'warning',
  JEA014: 'warning',
  JEA015: 'warning',
  JEA016: 'warning',
  JEA017: 'error',
  JEA018: 'error',
  JEA019: 'warning',
  JEA020: 'error',
  JIT001: 'error',
  JIT002: 'warning',
  JIT003: 'warning',
  JIT004: 'error',
  JIT005: 'warning',
  JIT006: 'warning',
  JIT007: 'error',
};

const RULES_DIR = path.resolve(__dirname, '../../src/rules');

describe('the registry', () => {
  it('holds the catalog, in id order, with fixed severities', () => {
    expect(RULES.map((r) => r.id)).toEqual(Object.keys(CATALOG));
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.severity]))).toEqual(CATALOG);
  });

  it.each(RULES.map((r) => [r.id, r] as const))(
    '%s lives in its own file, exports itself, and has a title, help and TSDoc',
    (id, rule) => {
      const file = path.join(RULES_DIR, `${id}.ts`);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain(`export const ${id}: Rule = {`);
      expect(text).toMatch(new RegExp(`/\\*\\*[\\s\\S]*?\\*/\\s*export const ${id}: Rule`));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(require(file)[id]).toBe(rule);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.title).not.toMatch(/\n/);
      expect(rule.help.length).toBeGreaterThan(40);
    },
  );
});

describe('the corpus', () => {
  const loaded = loadPolicyFiles([CORPUS_DIR]);
  const findings = runRules(loaded.set);

  it('lints every file without a crash', () => {
    expect(loaded.set.roles.length + loaded.set.endpoints.length).toBeGreaterThan(50);
    expect(findings.filter((f) => f.ruleId === 'RULE-CRASH')).toEqual([]);
    for (const f of findings) {
      expect(f.file.startsWith(CORPUS_DIR)).toBe(true);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(f.message.length).toBeGreaterThan(20);
    }
    expect(hasErrors(findings)).toBe(true);
  });

  it('lints each file on its own without a crash', () => {
    for (const kind of ['psrc', 'pssc']) {
      for (const name of fs.readdirSync(path.join(CORPUS_DIR, kind))) {
        const one = loadPolicyFiles([path.join(CORPUS_DIR, kind, name)]);
        expect(runRules(one.set).filter((f) => f.ruleId === 'RULE-CRASH')).toEqual([]);
      }
    }
  });

  /** The findings of one rule in one corpus file, with the file's text (UTF-16LE decoded by parse). */
  function inFile(ruleId: string, kind: 'psrc' | 'pssc', name: string) {
    const file = path.join(CORPUS_DIR, kind, name);
    const text = parse(fs.readFileSync(file), { file }).text;
    return { text, found: findings.filter((f) => f.file === file && f.ruleId === ruleId) };
  }

  const pos = (f: { line: number; column: number }) => ({ line: f.line, column: f.column });

  it('locates a wildcard in DnsAdmin.psrc (UTF-16LE)', () => {
    const { text, found } = inFile(
      'JEA002',
      'psrc',
      'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsAdmin.psrc',
    );
    expect(found.map(pos)).toEqual([where(text, "'DnsServer\\*'")]);
    expect(found[0].severity).toBe('warning');
  });

  it('locates sc.exe in the SEC505 Auditors role, and does not flag its unanchored pattern (PowerShell anchors it)', () => {
    const name = 'p0w3rsh3ll__SEC505__Day2__JEA-Test__RoleCapabilities__Auditors.psrc';
    const jea001 = inFile('JEA001', 'psrc', name);
    expect(jea001.found.map(pos)).toEqual([where(jea001.text, "'C:\\Windows\\System32\\sc.exe'")]);
    expect(inFile('JEA005', 'psrc', name).found).toEqual([]);
  });

  it('locates functions left out of VisibleFunctions in CLJEA.psrc', () => {
    const { text, found } = inFile(
      'JEA008',
      'psrc',
      'psconfeu__2023__EvgenijSmirnov__JEAonHyperV__code__400__CLJEA__RoleCapabilities__CLJEA.psrc',
    );
    expect(found.map(pos)).toEqual([
      where(text, "'Invoke-HelloWorld'", 'FunctionDefinitions'),
      where(text, "'Get-CurrentUser'", 'FunctionDefinitions'),
    ]);
  });

  it('locates a bare external command in HyperOpsJea.psrc', () => {
    const { text, found } = inFile(
      'JEA003',
      'psrc',
      'FrPSUG__Presentations__presentations__2017__20170916-PowerShell_Saturday-PowerShell-et-Hyper-V_(Olivier_Miossec)__DEMO__JEA__HyperOpsJea.psrc',
    );
    expect(found.map(pos)).toEqual([where(text, "'ping.exe'"), where(text, "'tracert.exe'")]);
  });

  it('locates session settings in .pssc files (UTF-16LE and ASCII)', () => {
    const full = inFile('JEA011', 'pssc', 'cnorling__Lessons__jea__fullsessionconfiguration.pssc');
    expect(full.found.map(pos)).toEqual([where(full.text, "'FullLanguage'", 'LanguageMode =')]);
    const admins = inFile('JEA015', 'pssc', 'jborean93__pypsrp__build_helpers__JEARoleSettings.pssc');
    expect(admins.found).toHaveLength(1);
    expect(admins.text.split('\n')[admins.found[0].line - 1]).toContain('BUILTIN\\Administrators');
    const type = inFile(
      'JEA010',
      'pssc',
      'PacktPublishing__PowerShell-Automation-and-Scripting-for-Cybersecurity__Chapter10__JEA_SessionConfigurationFile.pssc',
    );
    expect(type.found.map(pos)).toEqual([where(type.text, "'Default'", 'SessionType =')]);
  });
});

describe('runRules', () => {
  const set = withRole({ visibleCmdlets: ['Invoke-Expression', 'Get-*'] }, 'Ops');

  it('marks suppressed findings and keeps the rest', () => {
    const found = runRules(set, {
      suppressions: [{ ruleId: 'JEA001', reason: 'accepted: lab host', file: 'Ops.psrc' }],
    });
    const jea001 = found.find((f) => f.ruleId === 'JEA001')!;
    expect(jea001.suppressed).toEqual({ reason: 'accepted: lab host' });
    expect(found.find((f) => f.ruleId === 'JEA002')!.suppressed).toBeUndefined();
    expect(hasErrors(found)).toBe(false);
  });

  it('limits suppressions by path', () => {
    const found = runRules(set, {
      suppressions: [
        { ruleId: 'JEA002', reason: 'reviewed', path: 'VisibleCmdlets[1]' },
        { ruleId: 'JEA001', reason: 'x', path: 'VisibleCmdlets[9]' },
      ],
    });
    expect(found.find((f) => f.ruleId === 'JEA002')!.suppressed).toBeDefined();
    expect(found.find((f) => f.ruleId === 'JEA001')!.suppressed).toBeUndefined();
    expect(hasErrors(found)).toBe(true);
  });

  it('turns a throwing rule into RULE-CRASH and runs the others', () => {
    const broken: Rule = {
      id: 'TEST999',
      severity: 'warning',
      title: 'throws',
      help: 'throws',
      check: () => {
        throw new Error('boom');
      },
    };
    const found = runRules(set, { rules: [broken, RULES[0]] });
    expect(found.find((f) => f.ruleId === 'RULE-CRASH')).toMatchObject({
      severity: 'error',
      message: 'rule TEST999 failed: boom',
    });
    expect(found.some((f) => f.ruleId === 'JEA001')).toBe(true);
  });
});

describe('rules never throw', () => {
  const names = fc.array(
    fc.oneof(hostileString, fc.constantFrom('*', 'Start-Process', 'iex', 'C:\\x\\net.exe', 'Mod\\*', '[', '`', '')),
    { maxLength: 4 },
  );
  const capability = fc.record(
    {
      visibleCmdlets: fc.array(
        fc.oneof(
          hostileString,
          fc.record({
            name: hostileString,
            parameters: fc.array(
              fc.record(
                { name: hostileString, validateSet: fc.array(hostileString), validatePattern: hostileString },
                { requiredKeys: ['name'] },
              ),
            ),
          }),
        ),
        { maxLength: 3 },
      ),
      visibleFunctions: names,
      visibleAliases: names,
      visibleExternalCommands: names,
      visibleProviders: names,
      aliasDefinitions: fc.array(fc.record({ name: hostileString, value: hostileString }), { maxLength: 2 }),
      functionDefinitions: fc.array(fc.record({ name: hostileString, scriptBlock: hostileString }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

  it('on arbitrary capabilities, principals and ACLs', () => {
    fc.assert(
      fc.property(
        capability,
        capability,
        hostileString,
        fc.constantFrom('RestrictedRemoteServer', 'Empty', 'Default', undefined),
        (roleModel, inline, principal, sessionType) => {
          const r = role('R', roleModel);
          const model = goodEndpointModel({
            sessionType,
            ...inline,
            roleDefinitions: [[principal, { roleCapabilities: ['R', principal], ...inline }]],
          });
          const acl = { entries: [{ principal, access: 'Allow' as const, rights: ['FullControl' as const] }] };
          const found = runRules(policy({ roles: [r], endpoints: [endpoint('E', model, [r], acl)] }));
          expect(found.filter((f) => f.ruleId === 'RULE-CRASH')).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('on empty models', () => {
    const bare = policy({ roles: [role('R', {})], endpoints: [endpoint('E', {}, [])] });
    expect(runRules(bare).filter((f) => f.ruleId === 'RULE-CRASH')).toEqual([]);
  });
});
