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

/** Findings as SARIF 2.1.0, with the rule catalog, real file locations and suppressions. */
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
          locations: f.file
            ? [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/') }, region: { startLine: f.line, startColumn: f.column } }, logicalLocations: f.path ? [{ fullyQualifiedName: f.path }] : [] }]
            : [],
          ...(f.suppressed ? { suppressions: [{ kind: 'external' as const, justification: f.suppressed.reason }] } : {}),
        })),
      },
    ],
  };
}
