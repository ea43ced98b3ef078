/**
 * What a granted command lets its holder do beyond its task, reasoned from the command catalog
 * (src/catalog: every parameter's type and name) and from the values the grant allows. One place
 * for every face: the rules (JEA001, JEA002, JEA019), the review's danger column and the gate.
 */
import { CatalogCommand, CatalogParameter, findCommands } from '../catalog/catalog';
import { baseName, splitCommand } from '../jea/names';
import { wildcardMatch } from '../jea/wildcard';
import { enginePattern, patternBreadth } from '../rules/engine-pattern';
import { Danger, DangerClass } from './classes';
import {
  COMMAND_FACTS,
  CommandFact,
  DESTINATION_PARAMETERS,
  EXTERNAL_FACTS,
  PATH_PARAMETERS,
  PROBE_VERBS,
  READING_VERBS,
  REMOTE_PARAMETERS,
  SECURITY_MODULES,
  SENSITIVE_PATHS,
  sensitivePath,
  WRITING_MODULES,
  WRITING_VERBS,
} from './facts';
import { CommandGrant, GrantedParameter } from './grant';

/** What the session around a grant allows. */
export interface DangerContext {
  /**
   * The session takes script (a language mode other than NoLanguage). In NoLanguage a remote
   * caller cannot hand over a script block: PSRP deserializes one as a string
   * (serialization.cs, DeserializeScriptBlock without DeserializeScriptBlocks) and a string does
   * not bind to a ScriptBlock parameter (test/engine/danger-premises.test.ts).
   */
  readonly allowsScript: boolean;
  /**
   * The providers the holder sees (names, wildcards allowed). Path parameters resolve through a
   * provider: without FileSystem, Set-Content, Out-File, Copy-Item, Start-Process and Start-Job
   * fail in the engine, while Tee-Object and Compress-Archive still write
   * (test/engine/danger-enforcement.test.ts). Such dangers are latent, not absent.
   */
  readonly providers: readonly string[];
}

/** Whether a holder sees a provider. */
function sees(ctx: DangerContext, provider: string): boolean {
  return ctx.providers.some((p) => wildcardMatch(p, provider));
}

/** How a grant exposes one parameter. */
type Exposure =
  | { readonly kind: 'hidden' }
  | { readonly kind: 'open' }
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'pattern'; readonly pattern: RegExp; readonly text: string };

function exposureOf(
  grant: CommandGrant,
  param: { readonly name: string; readonly aliases?: readonly string[] },
): Exposure {
  if (!grant.parameters) return { kind: 'open' };
  const names = [param.name, ...(param.aliases ?? [])].map((n) => n.toLowerCase());
  const granted = grant.parameters.find((p) => names.includes(p.name.toLowerCase()));
  if (!granted) return { kind: 'hidden' };
  return constraintOf(granted);
}

function constraintOf(p: GrantedParameter): Exposure {
  const pattern = p.validatePattern?.length ? enginePattern(p.validatePattern) : undefined;
  if (p.validateSet) {
    // a set and a pattern together accept what passes both
    return { kind: 'values', values: pattern ? p.validateSet.filter((v) => pattern.test(v)) : p.validateSet };
  }
  if (!pattern)
    return p.validatePattern?.length
      ? { kind: 'pattern', pattern: /(?!)/, text: p.validatePattern.join('|') }
      : { kind: 'open' };
  return patternBreadth(pattern) === 'any value'
    ? { kind: 'open' }
    : { kind: 'pattern', pattern, text: p.validatePattern!.join('|') };
}

/** A carrier: a parameter that carries a class, the values that make it dangerous, and samples to test a pattern with. */
interface Carrier {
  readonly class: DangerClass;
  readonly parameter: CatalogParameter | { readonly name: string; readonly aliases?: readonly string[] };
  readonly why: string;
  /** A granted value is dangerous when this holds; without it, any narrowing to a set is safe. */
  readonly test?: (value: string) => boolean;
  /** Values to try a narrowing pattern with (given the pattern's text). */
  readonly samples?: (pattern: string) => readonly string[];
  readonly safer: string;
  /** The act resolves its path through the FileSystem provider. */
  readonly needsFileSystem?: true;
}

const PROGRAM_SAMPLES = [
  'C:\\Windows\\System32\\cmd.exe',
  'powershell.exe',
  '\\\\attacker\\share\\x.exe',
  'C:\\Users\\Public\\x.ps1',
];
const dangerousProgram = (v: string) =>
  !!externalFact(v) || v.startsWith('\\\\') || /\.(ps1|bat|cmd|vbs|js|hta)$/i.test(v);

/** The facts of an external program (full path or bare name, `.exe` optional), if it is a dangerous one. */
export function externalFact(path: string): { exe: string; class: DangerClass; why: string } | undefined {
  let exe = baseName(path.trim()).toLowerCase();
  if (!exe.includes('.')) exe += '.exe';
  const fact = EXTERNAL_FACTS[exe];
  return fact ? { exe, ...fact } : undefined;
}

/** The dangers of an external command a grant makes visible. */
export function externalDangers(path: string): Danger[] {
  const f = externalFact(path);
  return f
    ? [
        {
          class: f.class,
          command: path,
          why: `(${f.exe}) ${f.why}`,
          safer: 'expose the one task as a function with fixed arguments',
        },
      ]
    : [];
}

/** The parameters of a catalog command that carry a class, from their types and names. */
function parameterCarriers(cmd: CatalogCommand, ctx: DangerContext): Carrier[] {
  const out: Carrier[] = [];
  const verb = cmd.verb.toLowerCase();
  const writes = WRITING_VERBS.has(cmd.verb.toLowerCase()) && !NOT_WRITING.has(cmd.name.toLowerCase());
  const remote = !PROBE_VERBS.has(cmd.verb.toLowerCase());
  for (const p of cmd.parameters) {
    const name = p.name.toLowerCase();
    const type = p.type.toLowerCase();
    if (type.startsWith('scriptblock') && ctx.allowsScript) {
      out.push({
        class: 'code-execution',
        parameter: p,
        why: 'runs the script block it is given, as the run-as account',
        safer: 'do not make it visible; expose the one task as a function with fixed arguments',
      });
    }
    const runs =
      (['filepath', 'command'].includes(name) && ['start', 'invoke', 'register'].includes(verb)) ||
      ['execute', 'binarypathname'].includes(name);
    if (runs && type.startsWith('string')) {
      out.push({
        class: 'code-execution',
        parameter: p,
        why: 'names the program or script it runs, as the run-as account',
        test: dangerousProgram,
        samples: () => PROGRAM_SAMPLES,
        safer: `constrain -${p.name} with a ValidateSet of the programs the task needs, or expose the task as a function with fixed arguments`,
        needsFileSystem: true,
      });
      continue;
    }
    const pathLike =
      PATH_PARAMETERS.has(name) ||
      (p.aliases ?? []).some((a) => PATH_PARAMETERS.has(a.toLowerCase())) ||
      EXTRA_WRITES[cmd.name.toLowerCase()]?.includes(name);
    const copying = verb === 'copy' || cmd.name.toLowerCase() === 'start-bitstransfer';
    if (
      pathLike &&
      (writes || EXTRA_WRITES[cmd.name.toLowerCase()]) &&
      type.startsWith('string') &&
      WRITING_MODULES.has(cmd.module.toLowerCase()) &&
      (!copying || DESTINATION_PARAMETERS.has(name))
    ) {
      out.push({
        class: 'write-anywhere',
        parameter: p,
        why: `writes wherever it is pointed (${cmd.verb.toLowerCase()}s files or registry keys): System32, module folders, Run keys, transcripts`,
        test: sensitivePath,
        samples: pathSamples,
        safer: `constrain -${p.name} with a ValidateSet of the paths the task needs (or a pattern rooted in one folder, without '..')`,
        ...(PROVIDER_FREE_WRITERS.has(cmd.name.toLowerCase()) ? {} : { needsFileSystem: true as const }),
      });
    }
    if (remote && (REMOTE_PARAMETERS.has(name) || type.startsWith('cimsession') || type.startsWith('pssession'))) {
      out.push({
        class: 'lateral-movement',
        parameter: p,
        why: "acts on other hosts with the run-as account's network identity",
        safer: `constrain -${p.name} with a ValidateSet of the hosts the task needs, or leave it out`,
      });
    }
  }
  return out;
}

/** Commands whose verb writes but which change no file (navigation, session settings). */
const NOT_WRITING = new Set([
  'set-location',
  'push-location',
  'set-strictmode',
  'set-psdebug',
  'set-psbreakpoint',
  'set-date',
  'set-culture',
  'write-host',
  'write-output',
  'write-verbose',
  'write-warning',
  'write-error',
  'write-debug',
  'write-information',
  'write-progress',
  'write-eventlog',
  'out-string',
  'out-null',
  'out-default',
  'out-host',
  'out-gridview',
  'out-printer',
]);

/** Writers the engine lets write with no provider visible: they open the file with .NET directly, or are functions (danger-enforcement.test.ts). */
const PROVIDER_FREE_WRITERS = new Set(['tee-object', 'compress-archive', 'expand-archive']);

/** Commands of reading verbs that write a file through one parameter. */
const EXTRA_WRITES: Readonly<Record<string, readonly string[]>> = {
  'invoke-webrequest': ['outfile'],
  'invoke-restmethod': ['outfile'],
  'start-transcript': ['path', 'literalpath', 'outputdirectory'],
  'start-bitstransfer': ['destination'],
  'tee-object': ['filepath', 'literalpath'],
  'trace-command': ['filepath'],
};

/** The catalog commands a granted name stands for (a module-qualified name only its module's). */
function resolve(name: string): CatalogCommand[] {
  return [...findCommands(name.trim())];
}

/** The curated facts that apply to a granted name: by command name, and for a qualified name only when the catalog knows that module's command. */
function factsFor(name: string, commands: readonly CatalogCommand[]): CommandFact[] {
  const { module, command } = splitCommand(name.trim());
  if (module !== undefined && commands.length === 0) return [];
  return COMMAND_FACTS.filter((f) => f.name.toLowerCase() === command.toLowerCase());
}

/** Whether a value a pattern or set lets through is dangerous: the first such value, or undefined. */
function dangerousValue(
  exposure: Exposure,
  test: (v: string) => boolean,
  samples: (pattern: string) => readonly string[],
): string | undefined {
  if (exposure.kind === 'values') return exposure.values.find(test);
  if (exposure.kind === 'pattern') return samples(exposure.text).find((s) => test(s) && exposure.pattern.test(s));
  return undefined;
}

/**
 * The sensitive paths, and the same reached by traversal from the folder a pattern is rooted in
 * (`C:\\Drop\\.+` accepts `C:\Drop\..\Windows\System32\evil.dll`).
 */
function pathSamples(pattern: string): readonly string[] {
  const root = /^\^?((?:[^\\.*+?()[\]{}|^$]|\\[\\.:\- ])*)/.exec(pattern)?.[1]?.replace(/\\(.)/g, '$1') ?? '';
  const folder = root.endsWith('\\') ? root : `${root}\\`;
  return root
    ? [
        ...SENSITIVE_PATHS,
        `${folder}..\\..\\Windows\\System32\\evil.dll`,
        `${folder}x\\..\\..\\..\\Windows\\System32\\evil.dll`,
      ]
    : SENSITIVE_PATHS;
}

/**
 * The dangers of one granted command: curated command facts (with the values that decide), the
 * module's security tooling, and each parameter that carries a class by its type or name, unless
 * the grant hides it or narrows it to safe values.
 */
export function commandDangers(grant: CommandGrant, ctx: DangerContext): Danger[] {
  const commands = resolve(grant.name);
  const out: Danger[] = [];
  const add = (d: Danger, needsFileSystem?: boolean) => {
    const danger = needsFileSystem && !sees(ctx, 'FileSystem') ? { ...d, latent: 'FileSystem' } : d;
    if (!out.some((x) => x.class === d.class && x.parameter === d.parameter && x.value === d.value)) out.push(danger);
  };
  const shown = splitCommand(grant.name.trim()).command;
  for (const fact of factsFor(grant.name, commands)) {
    if (fact.needsScript && !ctx.allowsScript) continue;
    if (fact.values) {
      const known = commands.flatMap((c) => c.parameters);
      const params = fact.values.parameters
        .map(
          (n) =>
            known.find((p) => p.name.toLowerCase() === n.toLowerCase()) ?? (commands.length ? undefined : { name: n }),
        )
        .filter((p): p is CatalogParameter | { name: string } => p !== undefined);
      const exposures = params.map((p) => ({ p, e: exposureOf(grant, p) })).filter(({ e }) => e.kind !== 'hidden');
      const open = exposures.filter(({ e }) => e.kind === 'open').map(({ p }) => p.name);
      if (open.length)
        add(
          {
            class: fact.class,
            command: shown,
            parameter: open[0],
            why: fact.why,
            safer: `constrain ${open.map((n) => `-${n}`).join(' and ')} with a ValidateSet that holds no ${fact.values.what}`,
          },
          fact.needsFileSystem,
        );
      for (const { p, e } of exposures) {
        const v = dangerousValue(e, fact.values.test, () => fact.values!.samples);
        if (v !== undefined)
          add(
            {
              class: fact.class,
              command: shown,
              parameter: p.name,
              value: v,
              why: `allows a ${fact.values.what}: it ${fact.why}`,
              safer: `remove '${v}' from -${p.name}`,
            },
            fact.needsFileSystem,
          );
      }
      continue;
    }
    const open = openParameters(grant, commands);
    if (open.length || !grant.parameters)
      add(
        {
          class: fact.class,
          command: shown,
          ...(grant.parameters && open[0] ? { parameter: open[0] } : {}),
          why: fact.why,
          safer: 'remove it and expose the one task as a function with fixed arguments',
        },
        fact.needsFileSystem,
      );
  }
  for (const cmd of commands) {
    const security = SECURITY_MODULES[cmd.module.toLowerCase()];
    if (security && !READING_VERBS.has(cmd.verb.toLowerCase())) {
      const open = openParameters(grant, [cmd]);
      if (open.length || !grant.parameters)
        add({
          class: 'defense-evasion',
          command: shown,
          why: security,
          safer:
            'leave changes of security tooling to its own management (Intune, Group Policy), or expose one fixed change as a function',
        });
    }
    for (const c of parameterCarriers(cmd, ctx)) {
      const e = exposureOf(grant, c.parameter);
      if (e.kind === 'hidden') continue;
      if (e.kind === 'open') {
        add(
          { class: c.class, command: shown, parameter: c.parameter.name, why: c.why, safer: c.safer },
          c.needsFileSystem,
        );
        continue;
      }
      const v = c.test ? dangerousValue(e, c.test, c.samples ?? (() => [])) : undefined;
      if (v !== undefined)
        add(
          {
            class: c.class,
            command: shown,
            parameter: c.parameter.name,
            value: v,
            why: c.why,
            safer: `narrow -${c.parameter.name} so that it does not allow '${v}'`,
          },
          c.needsFileSystem,
        );
    }
  }
  // a danger of the command itself says it all for its class: its parameters' dangers of the same class repeat it
  const whole = new Set(out.filter((d) => d.parameter === undefined).map((d) => d.class));
  return out.filter((d) => d.parameter === undefined || !whole.has(d.class));
}

/** The parameters (names) a grant leaves open, among those that take a value (switches carry nothing). */
function openParameters(grant: CommandGrant, commands: readonly CatalogCommand[]): string[] {
  if (!grant.parameters) return [];
  return grant.parameters
    .filter((p) => constraintOf(p).kind === 'open')
    .filter((p) => {
      const known = commands.flatMap((c) => c.parameters).find((x) => x.name.toLowerCase() === p.name.toLowerCase());
      return !known || !/^(switchparameter|boolean)$/i.test(known.type);
    })
    .map((p) => p.name);
}
