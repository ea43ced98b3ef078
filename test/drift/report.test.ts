import { DriftFinding, FINDING_KINDS, sortFindings } from '../../src/drift/finding';
import { renderReport, showValue, summary } from '../../src/drift/report';

const FINDINGS: DriftFinding[] = sortFindings([
  {
    host: 'vm-file01',
    endpoint: 'JEA-FileServer',
    kind: 'ace-added',
    path: "SecurityDescriptorSddl['BUILTIN\\USERS']",
    declared: null,
    actual: '(A;;GA;;;BU)',
  },
  {
    host: 'vm-dc-dns01',
    endpoint: 'JEA-DNS',
    kind: 'role-changed',
    path: "Roles['DnsOperator'].VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet",
    declared: ['Dns'],
    actual: ['Dns', 'Spooler'],
  },
  {
    host: 'vm-dc-dns01',
    endpoint: 'JEA-Helpdesk',
    kind: 'missing-endpoint',
    path: '',
    declared: 'JEA-Helpdesk',
    actual: null,
  },
  {
    host: 'vm-dc-dns01',
    endpoint: 'Pipe|Test',
    kind: 'changed-field',
    path: 'Description',
    declared: 'a | b `tick`\nnext',
    actual: 'c',
  },
]);

describe('drift reports', () => {
  it('JSON: { drift, findings } with every field of every finding', () => {
    const json = JSON.parse(renderReport('json', { findings: FINDINGS, checked: 3 }));
    expect(Object.keys(json)).toEqual(['drift', 'findings']);
    expect(json.drift).toBe(true);
    expect(json.findings).toEqual(FINDINGS);
    expect(Object.keys(json.findings[0])).toEqual(['host', 'endpoint', 'kind', 'path', 'declared', 'actual']);
    expect(JSON.parse(renderReport('json', { findings: [], checked: 3 }))).toEqual({ drift: false, findings: [] });
  });

  it('text: grouped by host, with both values and a summary', () => {
    const text = renderReport('text', { findings: FINDINGS, checked: 3 });
    expect(text).toBe(
      [
        'vm-dc-dns01',
        "  JEA-DNS  role-changed  Roles['DnsOperator'].VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet",
        '    declared: ["Dns"]',
        '    actual:   ["Dns","Spooler"]',
        '  JEA-Helpdesk  missing-endpoint',
        '    declared: JEA-Helpdesk',
        '  Pipe|Test  changed-field  Description',
        '    declared: a | b `tick`\nnext',
        '    actual:   c',
        'vm-file01',
        "  JEA-FileServer  ace-added  SecurityDescriptorSddl['BUILTIN\\USERS']",
        '    actual:   (A;;GA;;;BU)',
        'drift: 4 findings on 2 of 3 checked (ace-added 1, changed-field 1, missing-endpoint 1, role-changed 1)',
        '',
      ].join('\n'),
    );
    expect(renderReport('text', { findings: [], checked: 2 })).toBe('no drift: 2 checked, all match the declaration\n');
  });

  it('text: colours only when asked', () => {
    expect(renderReport('text', { findings: FINDINGS, checked: 3 })).not.toContain('\u001b[');
    expect(renderReport('text', { findings: FINDINGS, checked: 3, color: true })).toContain('\u001b[');
  });

  it('markdown: a table whose cells survive pipes, backticks and line breaks', () => {
    const md = renderReport('markdown', { findings: FINDINGS, checked: 3 });
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Host') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    expect(md).toContain('| Pipe\\|Test | `changed-field` | `Description` | ``a \\| b `tick` next`` | `c` |');
    expect(md.startsWith('## jeajit drift\n\ndrift: 4 findings on 2 of 3 checked')).toBe(true);
    expect(renderReport('markdown', { findings: [], checked: 1 })).toBe(
      '## jeajit drift\n\nno drift: 1 checked, all match the declaration\n',
    );
  });

  it('cuts long values for people (JSON keeps them whole)', () => {
    expect(showValue('x'.repeat(1000))).toHaveLength(300);
    expect(showValue(null)).toBe('(none)');
    expect(
      JSON.parse(renderReport('json', { findings: [{ ...FINDINGS[0], actual: 'x'.repeat(1000) }], checked: 1 }))
        .findings[0].actual,
    ).toHaveLength(1000);
  });

  it('summarises by kind, most frequent first', () => {
    const many = [...FINDINGS, { ...FINDINGS.find((f) => f.kind === 'ace-added')!, host: 'other' }];
    expect(summary({ findings: many, checked: 9 })).toMatch(/^drift: 5 findings on 3 of 9 checked \(ace-added 2, /);
  });

  it('documents every finding kind', () => {
    expect(Object.keys(FINDING_KINDS)).toEqual([
      'missing-endpoint',
      'unexpected-endpoint',
      'changed-field',
      'ace-added',
      'ace-removed',
      'role-changed',
      'role-missing',
      'role-shadowed',
      'unparsable-file',
      'principal-unresolved',
      'jit-policy-missing',
      'jit-policy-changed',
      'jit-policy-foreign',
      'pim-policy-changed',
      'eligibility-missing',
      'eligibility-unexpected',
      'guestconfig-missing',
      'guestconfig-noncompliant',
      'guestconfig-pending',
      'guestconfig-unexpected-content',
    ]);
    for (const text of Object.values(FINDING_KINDS)) expect(text.length).toBeGreaterThan(20);
  });
});
