/** The engine harness itself: pwsh answers, and a failure is an error, never a pass. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeEngine, runPwsh } from './pwsh';
import { EngineAnswer } from './tagged';

describeEngine('the PowerShell engine harness', () => {
  it('runs a batch and reads the answer with its .NET types', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-harness-'));
    fs.writeFileSync(path.join(dir, 'a.psd1'), "@{ A = 1; B = 'x'; C = 1.5d }");
    fs.writeFileSync(path.join(dir, 'b.psd1'), '@{ A = $env:PATH }');
    const answer = runPwsh<{ version: string; results: Record<string, EngineAnswer> }>('import-data.ps1', {
      files: [
        { id: 'a', path: path.join(dir, 'a.psd1') },
        { id: 'b', path: path.join(dir, 'b.psd1') },
      ],
    });
    expect(answer.version).toMatch(/^7\./);
    expect(answer.results.a).toEqual({
      ok: true,
      value: expect.objectContaining({
        t: 'hashtable',
        entries: expect.arrayContaining([
          { k: { t: 'string', v: 'C' }, v: { t: 'number', type: 'Decimal', v: '1.5' } },
        ]),
      }),
    });
    expect(answer.results.b.ok).toBe(false);
  });

  it('turns a script that fails into an error naming it', () => {
    expect(() => runPwsh('no-such-script.ps1', {})).toThrow(/pwsh no-such-script\.ps1 failed/);
  });
});
