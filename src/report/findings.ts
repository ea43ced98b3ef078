import type * as Sarif from 'sarif';
import { declaredText, Finding } from '../rules/finding';
import { Rule } from '../rules/rule';

/** Findings as text, one a line: `file:line:col: severity RULE message`, suppressions shown with their reason. */
export function findingsText(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings\n';
  const lines = findings.map((f) => {
    const where = f.file ? `${f.file}:${f.line}:${f.column}: ` : '';
    const suppressed = f.suppressed ? ` [suppressed: ${f.suppressed.reason}]` : '';
    const declared = f.declared ? ` [declared by ${declaredText(f.declared)}]` : '';
    return `${where}${f.severity} ${f.ruleId} ${f.message}${suppressed}${declared}`;
  });
  const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed).length;
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.suppressed).length;
  const suppressed = findings.filter((f) => f.suppressed).length;
  return `${lines.join('\n')}\n${errors} error(s), ${warnings} warning(s), ${suppressed} suppressed\n`;
}

/** Findings as the JSON of `jeajit lint`: `[{ ruleId, severity, file, line, column, message }]` (plus path and suppression). */
export function findingsJson(findings: readonly Finding[]): string {
  return JSON.stringify(findings, null, 2) + '\n';
}

/** A generated file of a synth output (`.../stacks/<stack>/jea/...`, a `cdk.tf.json`): not a file of the repository. */
function inSynthOutput(file: string): boolean {
  return /(^|\/)stacks\/[^/]+\/(jea|jeajit)\//.test(file) || /(^|\/)cdk\.tf\.json$/.test(file);
}

/** A construct path standing for a file (a JIT resource of a synth output, a declaration): no file extension of jeajit's. */
function isConstructPath(file: string): boolean {
  return !/\.(psrc|pssc|psd1|psm1|ps1|json)$/i.test(file);
}

/** `examples/estate.ts:26` as a SARIF physical location. */
function declaredLocation(at: string): Sarif.PhysicalLocation {
  const m = /^(.*):(\d+)$/.exec(at);
  return {
    artifactLocation: { uri: (m ? m[1] : at).split('\\').join('/') },
    ...(m ? { region: { startLine: Number(m[2]) } } : {}),
  };
}

/**
 * Where a finding is, for SARIF: the TypeScript `file:line` that declared it when the synth
 * recorded one (the generated file then goes to `relatedLocations`); no physical location for a
 * generated file or construct path without one (only the construct and field path, as logical
 * locations: code scanning cannot point into files that are not in the repository); the file
 * itself otherwise.
 */
function sarifLocations(f: Finding): Pick<Sarif.Result, 'locations' | 'relatedLocations'> {
  const file = f.file.split('\\').join('/');
  const generated = file !== '' && (inSynthOutput(file) || isConstructPath(file));
  const construct = f.declared?.construct ?? (file && isConstructPath(file) ? file : undefined);
  const fileLocation: Sarif.PhysicalLocation = {
    artifactLocation: { uri: file },
    region: { startLine: f.line, startColumn: f.column },
  };
  if (!generated && !f.declared?.at)
    return {
      locations: file
        ? [{ physicalLocation: fileLocation, logicalLocations: f.path ? [{ fullyQualifiedName: f.path }] : [] }]
        : [],
    };
  // the construct (or, for a file no construct is known of, such as an unreadable endpoint.json, the file) and the field
  const owner: Sarif.LogicalLocation[] = construct
    ? [{ fullyQualifiedName: construct, kind: 'object' }]
    : file
      ? [{ fullyQualifiedName: file, kind: 'resource' }]
      : [];
  const logicalLocations: Sarif.LogicalLocation[] = [
    ...owner,
    ...(f.path ? [{ fullyQualifiedName: f.path, kind: 'property' }] : []),
  ];
  if (!f.declared?.at) return { locations: [{ logicalLocations }] };
  const related =
    file && !isConstructPath(file)
      ? [{ id: 1, message: { text: 'the generated file' }, physicalLocation: fileLocation }]
      : [];
  return {
    locations: [{ physicalLocation: declaredLocation(f.declared.at), logicalLocations }],
    ...(related.length ? { relatedLocations: related } : {}),
  };
}

/**
 * Findings as SARIF 2.1.0, with the rule catalog, locations (see {@link sarifLocations}: the
 * TypeScript that declared a finding of a synth output, never a generated file alone) and
 * suppressions.
 */
export function findingsSarif(findings: readonly Finding[], rules: readonly Rule[], version: string): Sarif.Log {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'jeajit',
            version,
            informationUri: 'https://github.com/jeajit/jeajit',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              help: { text: r.help },
              defaultConfiguration: { level: r.severity },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: f.severity,
          message: { text: f.message },
          ...sarifLocations(f),
          ...(f.suppressed
            ? { suppressions: [{ kind: 'external' as const, justification: f.suppressed.reason }] }
            : {}),
        })),
      },
    ],
  };
}
