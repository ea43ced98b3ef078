import { parse, Psd1Value, PsHashtable, render, renderText, toJson } from '../src/psd1';
import { BenchResult, compare } from './measure';

/**
 * A data file of about `bytes` bytes shaped like a large JEA estate: role capabilities with
 * cmdlets, parameter constraints, quoted descriptions, numbers and nested hashtables.
 */
export function generateEstate(bytes: number): PsHashtable {
  const roles = new PsHashtable();
  let perRole = 0;
  for (let i = 0; i === 0 || i * perRole < bytes; i++) {
    const cmdlets: Psd1Value[] = [];
    for (let c = 0; c < 20; c++) {
      cmdlets.push(
        c % 3 === 0
          ? PsHashtable.from([
              ['Name', `Restart-Service${c}`],
              [
                'Parameters',
                [
                  PsHashtable.from([
                    ['Name', 'Name'],
                    ['ValidateSet', ['Dns', 'W32Time', `Svc${i}`]],
                  ]),
                  PsHashtable.from([['Name', 'Force']]),
                ],
              ],
            ])
          : `Module${c}\\Get-Thing${i}-${c}`,
      );
    }
    const role = PsHashtable.from([
      ['GUID', `0d3f7ec8-2a54-4c0e-9d0b-${String(i).padStart(12, '0')}`],
      ['Description', `Role ${i}: operators' "tier ${i % 3}" access; it's scoped`],
      ['VisibleCmdlets', cmdlets],
      ['VisibleExternalCommands', ['C:\\Windows\\System32\\whoami.exe']],
      ['UserDriveMaximumSize', 52428800 + i],
      ['Enabled', i % 2 === 0],
    ]);
    roles.add(`Role${String(i).padStart(6, '0')}`, role);
    if (i === 0) perRole = render(roles).length;
  }
  return roles;
}

/** psd1 parse and render throughput against JSON.parse / JSON.stringify of the same value. */
export function run(): BenchResult[] {
  const value = generateEstate(10 * 1024 * 1024);
  const text = renderText(value);
  const json = toJson(value, 0);
  const jsonValue = JSON.parse(json) as unknown;
  // The same value as JSON laid out like the data file (4-space indent), for context: the data
  // file's layout is fixed (one entry a line, 4-space indent), so it carries more bytes.
  const jsonIndented = JSON.stringify(jsonValue, null, 4);
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const notes = `data file ${mib(Buffer.byteLength(text))}; the same value as compact JSON ${mib(Buffer.byteLength(json))}, as 4-space JSON ${mib(Buffer.byteLength(jsonIndented))}`;
  const bytes = render(value);
  return [
    compare(
      'psd1 parse (text)',
      () => parse(text),
      'JSON.parse',
      () => JSON.parse(json),
      { goal: 4, notes },
    ),
    compare(
      'psd1 parse (bytes, UTF-8 decode included)',
      () => parse(bytes),
      'JSON.parse',
      () => JSON.parse(json),
    ),
    compare(
      'psd1 parse (text)',
      () => parse(text),
      'JSON.parse (4-space JSON)',
      () => JSON.parse(jsonIndented),
    ),
    compare(
      'psd1 render (bytes)',
      () => render(value),
      'JSON.stringify',
      () => JSON.stringify(jsonValue),
      { goal: 3 },
    ),
    compare(
      'psd1 render (bytes)',
      () => render(value),
      'JSON.stringify (4-space)',
      () => JSON.stringify(jsonValue, null, 4),
    ),
  ];
}
