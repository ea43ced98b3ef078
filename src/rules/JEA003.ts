import { isAbsoluteWindowsPath } from '../jea/names';
import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, quote } from './helpers';

/**
 * JEA003: a visible external command given by a bare name or a relative path: PowerShell runs
 * whatever comes first on PATH, which may be a program someone else put there.
 */
export const JEA003: Rule = {
  id: 'JEA003',
  severity: 'error',
  title: 'An external command without an absolute path',
  help:
    'A bare name (whoami.exe) runs the first match on PATH, as the privileged run-as account; anyone who can write to a folder ' +
    'earlier on PATH (or the working directory) picks the program. Give the full path: C:\\Windows\\System32\\whoami.exe.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      (block.model.visibleExternalCommands ?? []).forEach((path, i) => {
        if (typeof path !== 'string' || isAbsoluteWindowsPath(path)) return;
        const suggestion = /[\\/]/.test(path)
          ? 'its full path (C:\\...)'
          : `its full path, such as C:\\Windows\\System32\\${/\.\w+$/.test(path) ? path : `${path}.exe`}`;
        out.push(
          findingIn(
            block,
            ['VisibleExternalCommands', i],
            `VisibleExternalCommands ${quote(path)} is not an absolute path: it runs whatever comes first on PATH; write ${suggestion}`,
          ),
        );
      });
    }
    return out;
  },
};
