/**
 * What Import-PowerShellDataFile reads (SafeValues.cs) but this parser refuses on purpose, each
 * with the message that names the reason, and the variables it reads like the engine. The engine
 * side of each case is checked in test/engine/data-files.test.ts ("on the documented
 * differences"); the reasons are in docs/engine-differences.md.
 */
import { parse, PsHashtable } from '../../src/psd1';

function entry(source: string): unknown {
  return (parse(`@{ v = ${source} }`).value as PsHashtable).get('v');
}

describe('variables (SafeValues.cs VisitVariableExpression, ast.cs IsConstantVariable, VariablePath.cs)', () => {
  it.each([
    ['$TRUE', true],
    ['$local:true', true],
    ['$Private:false', false],
    ['$variable:null', null],
    ['${true}', true],
    ['${fal`se}', false],
    ['$:true', true],
  ])('reads %s', (source, expected) => {
    expect(entry(source)).toBe(expected);
  });

  it.each([
    ['$PSScriptRoot', /not allowed in a data file/],
    ['$global:true', /not allowed in a data file/],
    ['$variable:local:true', /not allowed in a data file/],
    ['$true:', /not a valid variable name/],
    ['${}', /empty variable name/],
    ['$args', /argument list of whoever reads the file/],
    ['$VARIABLE:args', /argument list of whoever reads the file/],
    ['$using:true', /fails when PowerShell runs the file/],
  ])('refuses %s', (source, message) => {
    expect(() => entry(source)).toThrow(message);
  });
});

describe('deliberate refusals of what Import-PowerShellDataFile reads', () => {
  it.each([
    [
      '$(1)',
      /subexpressions \$\( \) run code/,
      '$( ) is an array to Import-PowerShellDataFile, the value to PowerShell running the file',
    ],
    ['$true ? 1 : 2', /ternary operator '\? :' is PowerShell 7 only/, 'Windows PowerShell 5.1 cannot read it'],
    ['1 &', /background job/, 'PowerShell 7 runs the statement as a job'],
    ['[int]1', /casts/, 'a cast converts at load time'],
    ["'abc'[1]", /indexing/, 'a string gives a [char]'],
    ['@(1,2)[0]', /indexing/, 'indexing picks at load time'],
    ["-'5'", /on a string converts it at run time/, 'run-time number parsing'],
    ['1u', /PowerShell 7 only/, 'suffix u'],
    ['0b101', /PowerShell 7 only/, 'binary literal'],
    ['"`u{41}"', /PowerShell 7 only/, '5.1 reads u{41}'],
    ['9007199254740993', /cannot be represented exactly/, 'the value model is a double'],
  ])('%s', (source, message) => {
    expect(() => entry(source)).toThrow(message);
  });

  it('reads one value per file: text after the top hashtable is an error (Import-PowerShellDataFile ignores it)', () => {
    expect(() => parse("@{ a = 1 }; 'more'")).toThrow(/after the value/);
  });
});
