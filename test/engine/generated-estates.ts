/**
 * Generated JEA endpoints for the engine suites: each user holds two to four roles that mix bare
 * and constrained entries over the same cross-platform commands, overlapping parameters, sets,
 * patterns, a set and a pattern together, wildcards, case differences, inline grants in
 * RoleDefinitions, session-level grants, RoleCapabilityFiles, defined functions, aliases and
 * providers. Every command, parameter and value is one pwsh can run on Linux with no side effect,
 * so the same estates serve for enforcement (calls made in the session).
 */
import fc from 'fast-check';
import { CapabilityModel, ParameterConstraint, RoleGrant, VisibleCommand } from '../../src/jea/model';
import { EndpointEntry, RoleEntry } from '../../src/policy/policy-set';

/** A parameter of the vocabulary: values to draw sets from, and patterns with known meaning. */
interface VocabularyParameter {
  readonly values: readonly string[];
  readonly patterns: readonly string[];
  /** The parameter takes a number: values outside its constraints must be numbers too. */
  readonly numeric?: true;
}

/**
 * Commands that run with no argument and return at once, with parameters whose cmdlets add no
 * validation of their own (a proxy keeps the cmdlet's own attributes: Get-Verb -Group and
 * Get-Culture -Name carry ValidateSets of their own, so they are left out).
 */
export const VOCABULARY: Readonly<Record<string, Readonly<Record<string, VocabularyParameter>>>> = {
  'Get-Date': {
    Format: { values: ['yyyy', 'HH', 'MM'], patterns: ['y+', 'H.*', 'MM'] },
    UFormat: { values: ['%Y', '%m'], patterns: ['%.'] },
  },
  'Get-Random': {
    Maximum: { values: ['2', '5', '10'], patterns: ['\\d', '1\\d', '[25]'], numeric: true },
    SetSeed: { values: ['1', '7'], patterns: ['\\d'], numeric: true },
  },
  'Write-Output': { InputObject: { values: ['a', 'b', 'c'], patterns: ['[ab]', 'c', 'A'] } },
  'Get-Verb': { Verb: { values: ['Get', 'Set', 'New'], patterns: ['Get', 'S.t', 'N.*'] } },
  'Out-String': {
    InputObject: { values: ['a', 'b'], patterns: ['a'] },
    Width: { values: ['80', '120'], patterns: ['\\d+', '8\\d'], numeric: true },
  },
};

/** Function definitions the generator may add, with the parameters they take. */
export const FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  'Get-JeajitGreeting': ['Name'],
  'Get-JeajitSum': ['Left', 'Right'],
};

/** Wildcards over the vocabulary. */
const WILDCARDS = ['Get-Ra*', '*-Verb', 'Out-*', 'Get-D?te'];

const commands = Object.keys(VOCABULARY);

/** How a name is spelled in a role: as is, lower case or upper case (lookups are case-insensitive). */
const spelled = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());

function parameterArb(command: string): fc.Arbitrary<ParameterConstraint> {
  const params = Object.keys(VOCABULARY[command]);
  return fc.constantFrom(...params).chain((name) => {
    const v = VOCABULARY[command][name];
    const set = fc.subarray([...v.values], { minLength: 1 });
    const pattern = fc.constantFrom(...v.patterns);
    return fc.oneof(
      fc.constant<ParameterConstraint>({ name }),
      set.map((validateSet) => ({ name, validateSet })),
      pattern.map((validatePattern) => ({ name, validatePattern })),
      fc.tuple(set, pattern).map(([validateSet, validatePattern]) => ({ name, validateSet, validatePattern })),
    );
  });
}

const entryArb: fc.Arbitrary<VisibleCommand> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...commands).chain(spelled) },
  { weight: 1, arbitrary: fc.constantFrom(...WILDCARDS) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(...commands).chain((command) =>
      fc
        .tuple(
          spelled(command),
          fc.uniqueArray(parameterArb(command), {
            minLength: 1,
            maxLength: 2,
            selector: (p) => p.name.toLowerCase(),
          }),
        )
        .map(([name, parameters]) => ({ name, parameters })),
    ),
  },
);

/** Entries of one list, one entry per name (a role lists a command once). */
const entriesArb = fc.uniqueArray(entryArb, {
  minLength: 1,
  maxLength: 4,
  selector: (e) => (typeof e === 'string' ? e : e.name).toLowerCase(),
});

const functionsArb: fc.Arbitrary<CapabilityModel> = fc
  .subarray(Object.keys(FUNCTIONS), { minLength: 1 })
  .chain((names) =>
    fc
      .record({
        visible: fc.subarray(names),
        constrained: fc.boolean(),
      })
      .map(({ visible, constrained }) => ({
        functionDefinitions: names.map((name) => ({
          name,
          scriptBlock: ` [CmdletBinding()] param(${FUNCTIONS[name].map((p) => `$${p}`).join(', ')}) "${name}" `,
        })),
        ...(visible.length
          ? {
              visibleFunctions: visible.map((name, i) =>
                constrained && i === 0
                  ? { name, parameters: [{ name: FUNCTIONS[name][0], validateSet: ['x', 'y'] }] }
                  : name,
              ),
            }
          : {}),
      })),
  );

const roleModelArb: fc.Arbitrary<CapabilityModel> = fc
  .record(
    {
      visibleCmdlets: entriesArb,
      functions: functionsArb,
      visibleAliases: fc.subarray(['gcm', 'measure', 'select']),
      visibleProviders: fc.subarray(['Variable', 'Environment', 'Function', 'Alias']),
      aliasDefinitions: fc.constant([{ name: 'jj-date', value: 'Get-Date' }]),
    },
    { requiredKeys: ['visibleCmdlets'] },
  )
  .map(({ functions, ...rest }) => ({ ...rest, ...(functions ?? {}) }));

/** One generated endpoint and the groups of the user whose session is compared. */
export interface GeneratedCase {
  readonly endpoint: EndpointEntry;
  /** The RoleDefinitions principals the user is (two to four roles reach the user). */
  readonly principals: readonly string[];
}

/** A generated endpoint: 2 to 4 roles, granted to groups, inline grants and session-level grants. */
export const generatedCase: fc.Arbitrary<GeneratedCase> = fc
  .record({
    roles: fc.array(roleModelArb, { minLength: 2, maxLength: 4 }),
    inline: fc.option(entriesArb, { nil: undefined }),
    session: fc.option(entriesArb, { nil: undefined }),
    byFile: fc.boolean(),
    split: fc.boolean(),
    sessionType: fc.constant('RestrictedRemoteServer' as const),
  })
  .map(({ roles, inline, session, byFile, split, sessionType }) => {
    const entries: RoleEntry[] = roles.map((model, i) => ({
      name: `Role${i}`,
      module: i % 2 ? 'ModB' : 'ModA',
      source: { file: `Role${i}.psrc` },
      model,
    }));
    const name = (i: number) => entries[i].name;
    // Role 0 by file when byFile; the others by name, across one or two groups.
    const grantOf = (indexes: number[]): RoleGrant => {
      const byName = indexes.filter((i) => !(byFile && i === 0)).map(name);
      const files = byFile && indexes.includes(0) ? [`C:\\Roles\\${name(0)}.psrc`] : [];
      return {
        ...(byName.length ? { roleCapabilities: byName } : {}),
        ...(files.length ? { roleCapabilityFiles: files } : {}),
      };
    };
    const all = entries.map((_, i) => i);
    const half = Math.ceil(all.length / 2);
    const roleDefinitions: [string, RoleGrant][] = split
      ? [
          ['CONTOSO\\GroupA', grantOf(all.slice(0, half))],
          ['CONTOSO\\GroupB', { ...grantOf(all.slice(half)), ...(inline ? { visibleCmdlets: inline } : {}) }],
        ]
      : [['CONTOSO\\GroupA', { ...grantOf(all), ...(inline ? { visibleCmdlets: inline } : {}) }]];
    const endpoint: EndpointEntry = {
      name: 'Generated',
      source: { file: 'Generated.pssc' },
      model: {
        schemaVersion: '2.0.0.0',
        sessionType,
        ...(session ? { visibleCmdlets: session } : {}),
        roleDefinitions,
      },
      roles: entries,
    };
    return { endpoint, principals: roleDefinitions.map(([p]) => p) };
  });
