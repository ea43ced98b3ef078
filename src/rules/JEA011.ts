import { LanguageMode, SessionConfigurationModel } from '../jea/model';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** The language mode a session gets: the one set, else NoLanguage for RestrictedRemoteServer and FullLanguage otherwise. */
export function effectiveLanguageMode(m: SessionConfigurationModel): LanguageMode {
  return m.languageMode ?? (m.sessionType === 'RestrictedRemoteServer' ? 'NoLanguage' : 'FullLanguage');
}

/**
 * JEA011: a JEA session whose language mode is not NoLanguage, set explicitly or by default
 * (Default and Empty sessions, or no SessionType, default to FullLanguage).
 */
export const JEA011: Rule = {
  id: 'JEA011',
  severity: 'error',
  title: 'A language mode other than NoLanguage',
  help:
    'In any language mode but NoLanguage a user can write script: loops over visible commands, variables, and in ' +
    "FullLanguage .NET calls that bypass every restriction, as the run-as account. Set LanguageMode = 'NoLanguage' " +
    "(the default of SessionType 'RestrictedRemoteServer').",
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      const m = e.model ?? {};
      const mode = effectiveLanguageMode(m);
      if (mode === 'NoLanguage') continue;
      if (m.languageMode !== undefined) {
        out.push(
          finding(
            e.source,
            ['LanguageMode'],
            `LanguageMode '${mode}' of endpoint '${e.name}' lets users write script as the run-as account; set LanguageMode = 'NoLanguage'`,
          ),
        );
      } else {
        out.push(
          finding(
            e.source,
            ['SessionType'],
            `endpoint '${e.name}' runs in FullLanguage (the default of ${m.sessionType === undefined ? 'a configuration without SessionType' : `SessionType '${m.sessionType}'`}); set LanguageMode = 'NoLanguage'`,
          ),
        );
      }
    }
    return out;
  },
};
