/**
 * ValidatePattern as the engine applies it: the patterns of every role for one parameter joined
 * into `^(p1|p2)$`, matched case-insensitively (InitialSessionState.ProcessCommandModification;
 * test/engine/merge-readings.test.ts). Read here with JavaScript's engine, which agrees with
 * .NET's on the patterns people write in role capabilities; a pattern JavaScript cannot read is
 * left alone (the .NET syntax check in src/jea/dotnet-regex.ts judges its syntax).
 */
export function enginePattern(alternatives: readonly string[]): RegExp | undefined {
  const source = `^(${alternatives.join('|')})$`;
  for (const flags of ['iu', 'i']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // try without Unicode mode, then give up
    }
  }
  return undefined;
}

/** Values that no pattern meant to constrain should accept all of: code, quotes, symbols (line breaks aside: `.` does not match them). */
const ANY_VALUE = [
  '',
  'a',
  'Z9',
  '*',
  ' ',
  'Ω',
  'a; Remove-Item C:\\ -Recurse',
  "x' -or '1",
  '$(whoami)',
  'x'.repeat(300),
];

/** Paths anywhere: absolute, another drive, traversal, a UNC share, a device. */
const ANY_PATH = [
  'C:\\Windows\\System32\\config\\SAM',
  'D:\\x',
  '..\\..\\Windows\\win.ini',
  'C:\\Shares\\..\\Windows',
  '\\\\attacker\\share\\x',
  '\\\\.\\PhysicalDrive0',
];

/** What an anchored pattern still lets through: any value, any path, or (undefined) neither. */
export function patternBreadth(pattern: RegExp): 'any value' | 'any path' | undefined {
  if (ANY_VALUE.every((v) => pattern.test(v))) return 'any value';
  if (ANY_PATH.every((v) => pattern.test(v))) return 'any path';
  return undefined;
}
