import { PsHashtable, ScriptBlock } from '../psd1';

/** One thing wrong with a declared or imported value: where, what, and what is allowed. */
export interface ValidationIssue {
  /** The construct path (cdktf/Pulumi) or file name the value belongs to. */
  readonly path: string;
  /** The field, in the notation of the file: `VisibleCmdlets[2].Parameters[0].ValidatePattern`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** Why it is wrong and what is allowed. */
  readonly reason: string;
}

/** Formats a value for an error message: strings quoted, the rest as JSON, long ones cut. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (value === undefined) text = 'undefined';
  else {
    let json: string | undefined;
    try {
      // hashtables read as objects of their entries, script blocks as their text in braces
      json = JSON.stringify(value, (_k, v: unknown) =>
        v instanceof PsHashtable
          ? Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x]))
          : v instanceof ScriptBlock
            ? `{${v.text}}`
            : v,
      );
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the last resort for what JSON cannot write (functions, symbols, bigints, cyclic objects); a cyclic object may read [object Object], and that is all there is to say
    text = json ?? String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Thrown when a declared or imported JEA/JIT definition is invalid; lists every issue found. */
export class ValidationError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ValidationError';
  }
}

/** `path: field = value: reason` */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.field} = ${describeValue(issue.value)}: ${issue.reason}`;
}

/**
 * Collects issues while a definition is checked, so that one error names all of them.
 * `at(field)` gives a collector for a nested field.
 */
export class Issues {
  private readonly list: ValidationIssue[];

  constructor(
    /** The construct path or file name. */
    readonly path: string,
    private readonly prefix = '',
    list?: ValidationIssue[],
  ) {
    this.list = list ?? [];
  }

  /** A collector for a field below this one: `at('VisibleCmdlets').at(2)` is `VisibleCmdlets[2]`. */
  at(step: string | number): Issues {
    const field = typeof step === 'number' ? `${this.prefix}[${step}]` : this.prefix ? `${this.prefix}.${step}` : step;
    return new Issues(this.path, field, this.list);
  }

  /** A collector for a hashtable entry below this one, by key: `RoleDefinitions['CONTOSO\\Ops']`. */
  atKey(key: string): Issues {
    return new Issues(this.path, `${this.prefix}['${key}']`, this.list);
  }

  /** The field this collector stands for. */
  get field(): string {
    return this.prefix;
  }

  /** Records an issue with this field. */
  add(value: unknown, reason: string): void {
    this.list.push({ path: this.path, field: this.prefix || '(root)', value, reason });
  }

  /** Whether any issue was recorded (by this collector or a nested one). */
  get any(): boolean {
    return this.list.length > 0;
  }

  /** The issues recorded so far. */
  get all(): readonly ValidationIssue[] {
    return this.list;
  }

  /** Throws a {@link ValidationError} listing every issue, if there is any. */
  throwIfAny(): void {
    if (this.list.length) throw new ValidationError(this.list);
  }
}

/**
 * The path of a field as an issue names it (`RoleDefinitions['CONTOSO\Ops'].VisibleCmdlets[2]`),
 * as steps for `Psd1Document.locate`.
 */
export function fieldPath(field: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const re = /\['((?:[^']|'')*)'\]|\[(\d+)\]|\.?([^.[]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field)) !== null) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== '(root)') steps.push(m[3]);
  }
  return steps;
}
