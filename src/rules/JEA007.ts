import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, quote } from './helpers';
import { dangerSeverity, dangerText } from '../danger/classes';
import { dangerContexts } from './danger-entries';
import { dangerousInputUses } from './function-input';
import { codeOnly } from './script-text';

export { codeOnly };

/** What runs dynamic code, with how a message names it. */
const DYNAMIC: readonly { readonly re: RegExp; readonly what: string }[] = [
  {
    re: /(?<![\w$.\-\\])(?:Microsoft\.PowerShell\.Utility\\)?(?:Invoke-Expression|iex)(?![\w-])/i,
    what: 'Invoke-Expression',
  },
  {
    re: /\[\s*(?:System\.)?(?:Management\.Automation\.)?ScriptBlock\s*\]\s*::\s*Create\b/i,
    what: '[scriptblock]::Create',
  },
  { re: /(?<![\w$.\-\\])(?:Microsoft\.PowerShell\.Utility\\)?Add-Type(?![\w-])/i, what: 'Add-Type' },
  { re: /(?<![\w&])&(?!&)\s*[$(]/, what: 'the call operator & on a computed command' },
  { re: /(?:^|[\s;|{(=])\.[ \t]+[$(]/, what: 'dot-sourcing a computed path' },
  {
    re: /\.InvokeCommand\s*\.\s*(?:InvokeScript|NewScriptBlock|ExpandString)\b/i,
    what: '$ExecutionContext.InvokeCommand',
  },
  { re: /\.AddScript\s*\(/i, what: '[PowerShell]::AddScript' },
];

/** The dynamic-code constructs a script block's text uses (comments and single-quoted strings ignored). */
export function dynamicCode(script: string): string[] {
  const code = codeOnly(script);
  return DYNAMIC.filter((d) => d.re.test(code)).map((d) => d.what);
}

/**
 * JEA007: a function definition that runs dynamic code: Invoke-Expression (iex),
 * [scriptblock]::Create, Add-Type, `& $var`, `. $var` and the like. Functions run in full
 * language, so text a user passes in becomes code run as the run-as account. Also a function that
 * passes one of its parameters to a command that carries an error class of src/danger
 * (`Start-Process -FilePath $Path`, `cmd.exe /c "ping $x"`), judged with the parameter's own
 * [ValidateSet]/[ValidatePattern] (src/rules/function-input.ts).
 */
export const JEA007: Rule = {
  id: 'JEA007',
  severity: 'error',
  title: "A function definition runs dynamic code or hands its caller's input to a dangerous command",
  help:
    'Functions defined in a role run in FullLanguage as the privileged run-as account. Building code from text (Invoke-Expression, ' +
    '[scriptblock]::Create, Add-Type) or calling a computed command (& $cmd) lets a parameter value become code. Write the commands ' +
    'out, and pick among fixed alternatives with a switch over a ValidateSet parameter.',
  check(policy) {
    const out: RuleFinding[] = [];
    const contexts = dangerContexts(policy);
    for (const block of capabilityBlocks(policy)) {
      (block.model.functionDefinitions ?? []).forEach((fn, i) => {
        if (typeof fn?.scriptBlock !== 'string') return;
        const found = dynamicCode(fn.scriptBlock);
        // what runs its text as code is reported once, as dynamic code, below
        for (const use of dangerousInputUses(fn.scriptBlock, contexts(block.model)).filter(
          (u) => !/^(Invoke-Expression|iex|Add-Type)\b/i.test(u.call),
        )) {
          out.push(
            findingIn(
              block,
              ['FunctionDefinitions', i, 'ScriptBlock'],
              `function ${quote(fn.name)} passes its caller's input to ${use.call}: ${use.dangers.map(dangerText).join(' · ')}; give the parameter a [ValidateSet()] of safe values, or fix the argument`,
              use.dangers.some((d) => dangerSeverity(d) === 'error') ? undefined : 'warning',
            ),
          );
        }
        if (found.length) {
          out.push(
            findingIn(
              block,
              ['FunctionDefinitions', i, 'ScriptBlock'],
              `function ${quote(fn.name)} runs dynamic code (${found.join(', ')}): a parameter value can become code run as the run-as account; write the commands out and choose among fixed ones with a ValidateSet parameter`,
            ),
          );
        }
      });
    }
    return out;
  },
};
