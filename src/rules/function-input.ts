/**
 * What a role's function does with its caller's input: each command it calls with one of its own
 * parameters as an argument, judged by src/danger as if that argument were granted with the
 * parameter's own validation ([ValidateSet] / [ValidatePattern] in the param block). A function
 * runs in FullLanguage, so `Start-Process -FilePath $Path` hands the caller whatever
 * Start-Process can do.
 */
import { findCommands } from '../catalog/catalog';
import { Danger, DANGER_CLASSES } from '../danger/classes';
import { commandDangers, DangerContext, externalFact } from '../danger/classify';
import { GrantedParameter } from '../danger/grant';
import { codeOnly } from './script-text';

/** Where the param block is: its text's start and the offset just past its closing parenthesis. */
function paramBlock(code: string): { start: number; inner: number; end: number } | undefined {
  const start = /\bparam\s*\(/i.exec(code);
  if (!start) return undefined;
  let depth = 0;
  let end = start.index + start[0].length - 1;
  for (; end < code.length; end++) {
    if (code[end] === '(') depth++;
    else if (code[end] === ')' && --depth === 0) break;
  }
  return { start: start.index, inner: start.index + start[0].length, end: end + 1 };
}

/** The function's parameters (`$Name`, lower-cased) with the validation their attributes declare. */
export function functionParameters(script: string): Map<string, GrantedParameter> {
  const out = new Map<string, GrantedParameter>();
  const at = paramBlock(codeOnly(script));
  if (!at) return out;
  // single-quoted strings are blanked in `code`: read attribute values from the original text
  const block = script.slice(at.inner, at.end - 1);
  for (const m of block.matchAll(/((?:\[[^\]$]*(?:\([^)]*\))?[^\]$]*\]\s*)*)\$(\w+)/g)) {
    const attrs = m[1];
    const set = /\[\s*ValidateSet\s*\(([^)]*)\)/i.exec(attrs)?.[1];
    const pattern = /\[\s*ValidatePattern\s*\(\s*'((?:[^']|'')*)'/i.exec(attrs)?.[1];
    out.set(m[2].toLowerCase(), {
      name: m[2],
      ...(set
        ? {
            validateSet: [...set.matchAll(/'((?:[^']|'')*)'|"([^"]*)"/g)].map((v) =>
              (v[1] ?? v[2]).replace(/''/g, "'"),
            ),
          }
        : {}),
      ...(pattern ? { validatePattern: [pattern.replace(/''/g, "'")] } : {}),
    });
  }
  return out;
}

/** One dangerous use of caller input inside a function. */
export interface InputUse {
  /** `Start-Process -FilePath $Path`, `cmd.exe ... $ComputerName`. */
  readonly call: string;
  readonly dangers: readonly Danger[];
}

/**
 * The calls of a function body that pass one of its parameters to a command carrying an error
 * class: a named argument (`-FilePath $Path`), the first positional argument (bound to the
 * parameter at position 0), or anything at all for a dangerous external program (command-line
 * injection: `cmd.exe /c "ping $x"`).
 */
export function dangerousInputUses(script: string, ctx: DangerContext): InputUse[] {
  const params = functionParameters(script);
  if (!params.size) return [];
  const full = codeOnly(script);
  const code = full.slice(paramBlock(full)?.end ?? 0);
  const uses = (text: string) =>
    [...text.matchAll(/\$(?:\{)?(\w+)/g)]
      .map((m) => params.get(m[1].toLowerCase()))
      .filter((p): p is GrantedParameter => !!p);
  const out: InputUse[] = [];
  for (const statement of code.split(/[\r\n;|{}]+/)) {
    const m = /^\s*&?\s*["']?([\w.\\:-]+)["']?\s*(.*)$/.exec(statement);
    if (!m || /^(param|if|else|elseif|foreach|for|while|switch|return|try|catch|finally|function)$/i.test(m[1]))
      continue;
    const [, command, rest] = m;
    const passed = uses(rest);
    if (!passed.length) continue;
    const ext = externalFact(command);
    if (ext && /\.exe$|^[\w-]+$/i.test(command) && !/-/.test(command)) {
      out.push({
        call: `${command} ... $${passed[0].name}`,
        dangers: [
          {
            class: ext.class,
            command,
            why: `(${ext.exe}) ${ext.why}: the caller's text becomes part of its command line`,
            safer: 'call a cmdlet with the value as a validated parameter instead of a command line',
          },
        ],
      });
      continue;
    }
    const found = findCommands(command);
    if (!found.length) continue;
    const granted: GrantedParameter[] = [];
    for (const arg of rest.matchAll(/-(\w+)(?::|\s+)(\S+)/g)) {
      const p = uses(arg[2])[0];
      if (p) granted.push({ ...p, name: arg[1] });
    }
    const positional = /^(?!-)(\S+)/.exec(rest.trim())?.[1];
    const first = positional ? uses(positional)[0] : undefined;
    // the first positional argument binds to a parameter at position 0: one that takes text (a
    // caller's input is text; Stop-Service's default set wants a ServiceController), else the default set's
    const atZero = found[0].parameters.filter((p) => p.position === 0);
    const inDefault = (p: (typeof atZero)[number]) =>
      !p.sets.length || !found[0].defaultSet || p.sets.includes(found[0].defaultSet);
    const position0 = atZero.find((p) => /^(string|object)/i.test(p.type)) ?? atZero.find(inDefault) ?? atZero[0];
    if (first && position0) granted.push({ ...first, name: position0.name });
    if (!granted.length) continue;
    const dangers = commandDangers({ name: command, parameters: granted }, { ...ctx, allowsScript: true }).filter(
      (d) => DANGER_CLASSES[d.class].severity === 'error' && d.parameter,
    );
    if (dangers.length) out.push({ call: `${command} ${granted.map((g) => `-${g.name} $…`).join(' ')}`, dangers });
  }
  return out;
}
