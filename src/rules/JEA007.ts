import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, quote } from './helpers';

/**
 * Blanks out what cannot run in a script block: `#` line comments (where a token starts), `<# #>` block comments,
 * single-quoted strings and single-quoted here-strings (offsets kept). Double-quoted strings stay,
 * since `$(...)` in them runs code.
 */
export function codeOnly(script: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  let inDouble = false;
  while (i < script.length) {
    const c = script[i];
    if (inDouble) {
      if (c === '`' && i + 1 < script.length) {
        out += script.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '"' && script[i + 1] === '"') {
        out += '""';
        i += 2;
        continue;
      }
      if (c === '"') inDouble = false;
      out += c;
      i++;
      continue;
    }
    if (c === '<' && script[i + 1] === '#') {
      const end = script.indexOf('#>', i + 2);
      const stop = end < 0 ? script.length : end + 2;
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === '#' && (i === 0 || /[\s;|&(){},=]/.test(script[i - 1]))) {
      // a comment starts a token; inside a word (a#b) '#' is part of the word
      let stop = i;
      while (stop < script.length && script[stop] !== '\n' && script[stop] !== '\r') stop++;
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === '@' && script[i + 1] === "'" && /^[ \t]*(\r?\n|$)/.test(script.slice(i + 2, i + 64))) {
      const m = /\r?\n'@/.exec(script.slice(i + 2));
      const stop = m ? i + 2 + m.index + m[0].length : script.length;
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === "'") {
      let stop = i + 1;
      while (stop < script.length) {
        if (script[stop] === "'" && script[stop + 1] === "'") stop += 2;
        else if (script[stop] === "'") break;
        else stop++;
      }
      stop = Math.min(stop + 1, script.length);
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === '`' && i + 1 < script.length) {
      out += script.slice(i, i + 2);
      i += 2;
    } else {
      if (c === '"') inDouble = true;
      out += c;
      i++;
    }
  }
  return out;
}

/** What runs dynamic code, with how a message names it. */
const DYNAMIC: readonly { readonly re: RegExp; readonly what: string }[] = [
  { re: /(?<![\w$.\-\\])(?:Microsoft\.PowerShell\.Utility\\)?(?:Invoke-Expression|iex)(?![\w-])/i, what: 'Invoke-Expression' },
  { re: /\[\s*(?:System\.)?(?:Management\.Automation\.)?ScriptBlock\s*\]\s*::\s*Create\b/i, what: '[scriptblock]::Create' },
  { re: /(?<![\w$.\-\\])(?:Microsoft\.PowerShell\.Utility\\)?Add-Type(?![\w-])/i, what: 'Add-Type' },
  { re: /(?<![\w&])&(?!&)\s*[$(]/, what: 'the call operator & on a computed command' },
  { re: /(?:^|[\s;|{(=])\.[ \t]+[$(]/, what: 'dot-sourcing a computed path' },
  { re: /\.InvokeCommand\s*\.\s*(?:InvokeScript|NewScriptBlock|ExpandString)\b/i, what: '$ExecutionContext.InvokeCommand' },
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
 * language, so text a user passes in becomes code run as the run-as account.
 */
export const JEA007: Rule = {
  id: 'JEA007',
  severity: 'error',
  title: 'A function definition runs dynamic code',
  help:
    'Functions defined in a role run in FullLanguage as the privileged run-as account. Building code from text (Invoke-Expression, ' +
    '[scriptblock]::Create, Add-Type) or calling a computed command (& $cmd) lets a parameter value become code. Write the commands ' +
    'out, and pick among fixed alternatives with a switch over a ValidateSet parameter.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      (block.model.functionDefinitions ?? []).forEach((fn, i) => {
        if (typeof fn?.scriptBlock !== 'string') return;
        const found = dynamicCode(fn.scriptBlock);
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
