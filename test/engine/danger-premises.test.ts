/**
 * The premises of the danger classes (src/danger/classify.ts), settled by the engine: what a
 * remote caller of a NoLanguage session can and cannot hand a command, and which parameters run
 * code from a plain string. The README's rules table cites these.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeEngine, runPwsh } from './pwsh';

interface Outcome {
  readonly ran: boolean;
  readonly output: string[];
  readonly errors: string[];
}

interface Premises {
  readonly deserializedScriptBlock: string;
  readonly stringToScriptBlock: Outcome;
  readonly noLanguageScript: Outcome;
  readonly scriptBlockObject: Outcome;
  readonly constrainedLiteral: Outcome;
  readonly importModule: Outcome;
  readonly importModuleRan: boolean;
  readonly startJob: Outcome;
  readonly startJobRan: boolean;
  readonly methodCallNoLanguage: Outcome;
}

describeEngine('danger premises, as the engine runs them', () => {
  let p: Premises;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-premises-'));
  beforeAll(() => {
    p = runPwsh<Premises>('danger-premises.ps1', { dir });
  }, 120000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a script block sent over remoting arrives as a string', () => {
    expect(p.deserializedScriptBlock).toBe('System.String');
  });

  it('a string does not bind to a ScriptBlock parameter, so a NoLanguage caller cannot use one', () => {
    expect(p.stringToScriptBlock.ran).toBe(false);
    expect(p.stringToScriptBlock.errors.join(' ')).toMatch(
      /Cannot bind parameter 'ScriptBlock'.*System\.String.*ScriptBlock/,
    );
    expect(p.noLanguageScript.ran).toBe(false);
  });

  it('where a caller can write a script block (any mode but NoLanguage), a ScriptBlock parameter runs it', () => {
    expect(p.scriptBlockObject.output).toEqual(['ran']);
    expect(p.constrainedLiteral.output).toEqual(['ran']);
  });

  it('Import-Module by path runs the module code, even from a NoLanguage session', () => {
    expect(p.importModule.errors).toEqual([]);
    expect(p.importModuleRan).toBe(true);
  });

  it('a program or script named by a plain string runs (Start-Job -FilePath)', () => {
    expect(p.startJob.ran).toBe(true);
    expect(p.startJobRan).toBe(true);
  });

  it('a NoLanguage caller cannot call methods on an object it creates (New-Object needs a script session)', () => {
    expect(p.methodCallNoLanguage.ran).toBe(false);
  });
});
