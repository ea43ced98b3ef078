import { configurationMof, mofString } from '../../src/guestconfig/mof';
import { readMof } from './mof-reader';

// Values that would end their string, start another property or run code if spliced in as they are.
const HOSTILE = [
  'say "hi"; Evil = "x',
  'C:\\Program Files\\',
  'trailing backslash \\',
  '\\"',
  'line one\nline two\r\nthree\rfour\ttab',
  '$(Remove-Item -Recurse C:\\) ${env:x} `n',
  "it's \u2018typographic\u2019 \u201cquotes\u201d",
  'nul\u0000bell\u0007esc\u001bdel\u007f',
  '};\ninstance of OMI_ConfigurationDocument { Name = "pwned"; };',
  'Zo\u00eb \u4e2d\u6587 \ud83d\udd12',
  '',
];

describe('mofString', () => {
  it('escapes backslash, double quote and control characters, nothing else', () => {
    expect(mofString('a\\b"c')).toBe('"a\\\\b\\"c"');
    expect(mofString('x\ny\r\tz')).toBe('"x\\ny\\r\\tz"');
    expect(mofString('\u0000\u007f')).toBe('"\\x0000\\x007F"');
    expect(mofString("$(x) 'y' \u2019")).toBe('"$(x) \'y\' \u2019"');
  });

  it.each(HOSTILE.map((v) => [v]))('keeps %j inside its string: it reads back as itself', (value) => {
    const mof = Buffer.from(
      configurationMof('cfg', [
        {
          className: 'R',
          instanceName: 'i',
          moduleName: 'M',
          moduleVersion: '1.0.0',
          properties: [
            ['Value', value],
            ['List', [value, 'after']],
            ['After', 'still here'],
          ],
        },
      ]),
    ).toString('utf8');
    const [resource, document] = readMof(mof);
    expect(resource.properties.get('Value')).toBe(value);
    expect(resource.properties.get('List')).toEqual([value, 'after']);
    expect(resource.properties.get('After')).toBe('still here');
    expect([...resource.properties.keys()]).toEqual([
      'ResourceID',
      'ModuleName',
      'ModuleVersion',
      'ConfigurationName',
      'SourceInfo',
      'Value',
      'List',
      'After',
    ]);
    expect(document.className).toBe('OMI_ConfigurationDocument');
    expect(document.properties.get('Name')).toBe('cfg');
    // No raw line break or lone quote inside any line's string: every line is one statement's part.
    for (const line of mof.split('\r\n')) expect(line).not.toMatch(/[\r\n]/);
  });
});

describe('configurationMof', () => {
  const mof = Buffer.from(
    configurationMof('jeajit-X', [
      {
        className: 'JeajitEndpoint',
        instanceName: 'X',
        moduleName: 'JeajitDsc',
        moduleVersion: '1.2.3',
        properties: [
          ['Name', 'X'],
          ['Empty', []],
        ],
      },
    ]),
  );

  it('writes the instance as PSDesiredStateConfiguration does, then the configuration document', () => {
    expect(mof.toString('utf8')).toBe(
      [
        '/*',
        "@TargetNode='localhost'",
        '@GeneratedBy=jeajit',
        '*/',
        '',
        'instance of JeajitEndpoint as $JeajitEndpoint1ref',
        '{',
        '    ResourceID = "[JeajitEndpoint]X";',
        '    ModuleName = "JeajitDsc";',
        '    ModuleVersion = "1.2.3";',
        '    ConfigurationName = "jeajit-X";',
        '    SourceInfo = "jeajit::1::1::JeajitEndpoint";',
        '    Name = "X";',
        '    Empty = {};',
        '};',
        '',
        'instance of OMI_ConfigurationDocument',
        '{',
        '    Version = "2.0.0";',
        '    MinimumCompatibleVersion = "1.0.0";',
        '    CompatibleVersionAdditionalProperties = {',
        '        "Omi_BaseResource:ConfigurationName"',
        '    };',
        '    Name = "jeajit-X";',
        '};',
        '',
      ].join('\r\n'),
    );
  });

  it('is UTF-8 without BOM, CRLF only', () => {
    expect(mof.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(mof.toString('utf8').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('numbers aliases per class and refuses names that are not identifiers', () => {
    const two = readMof(
      Buffer.from(
        configurationMof('c', [
          { className: 'A', instanceName: '1', moduleName: 'M', moduleVersion: '1.0.0', properties: [] },
          { className: 'A', instanceName: '2', moduleName: 'M', moduleVersion: '1.0.0', properties: [] },
        ]),
      ).toString('utf8'),
    );
    expect(two.map((i) => i.alias)).toEqual(['$A1ref', '$A2ref', undefined]);
    expect(() =>
      configurationMof('c', [
        { className: 'A B', instanceName: '1', moduleName: 'M', moduleVersion: '1', properties: [] },
      ]),
    ).toThrow("'A B' is not a MOF identifier");
    expect(() =>
      configurationMof('c', [
        { className: 'A', instanceName: '1', moduleName: 'M', moduleVersion: '1', properties: [['x = "y"; Z', 'v']] },
      ]),
    ).toThrow('is not a MOF identifier');
  });
});

describe('the test MOF reader', () => {
  it('refuses what a MOF parser refuses', () => {
    expect(() => readMof('instance of A { B = "x\ny"; };')).toThrow('line break inside a string');
    expect(() => readMof('instance of A { B = "x"; B = "y"; };')).toThrow('property B twice');
    expect(() => readMof('instance of A { B = "x\\q"; };')).toThrow('unknown escape');
    expect(() => readMof('instance of A { B = "x" };')).toThrow("';' expected");
  });
});
