import { Severity } from '../rules/rule';

/**
 * What a right lets its holder do beyond the task it was meant for. Each class follows from facts
 * of the command (its parameters' types and names in the catalog, src/catalog) or of the values
 * it may be given, never from the command's name alone.
 */
export type DangerClass =
  'code-execution' | 'identity-takeover' | 'defense-evasion' | 'write-anywhere' | 'lateral-movement';

/** How each class is named in reports and how severe it is. */
export const DANGER_CLASSES: Readonly<Record<DangerClass, { readonly label: string; readonly severity: Severity }>> = {
  'code-execution': { label: 'code execution', severity: 'error' },
  'identity-takeover': { label: 'identity takeover', severity: 'error' },
  'defense-evasion': { label: 'defense evasion', severity: 'error' },
  'write-anywhere': { label: 'write anywhere', severity: 'error' },
  // reaching another host uses the run-as account's network identity (the computer account for a
  // virtual account), which rarely has rights there: worth a reviewer's look, not a failed build
  'lateral-movement': { label: 'lateral movement', severity: 'warning' },
};

/** One dangerous capability of a granted command: its class, the parameter (and value) that carries it, and what would be safe. */
export interface Danger {
  readonly class: DangerClass;
  /** The command as granted (`Restart-Service`, `C:\Windows\System32\net.exe`). */
  readonly command: string;
  /** The parameter that carries it, when one does. */
  readonly parameter?: string;
  /** The allowed value that carries it (`WinDefend`), when a value does. */
  readonly value?: string;
  /** Why, in a sentence a reviewer reads. */
  readonly why: string;
  /** The narrower declaration that would be safe. */
  readonly safer: string;
  /**
   * The provider the act needs and the holder does not see (`FileSystem`): the engine refuses
   * the act today, and allows it once a role or the session makes the provider visible. A latent
   * danger is a warning.
   */
  readonly latent?: string;
}

/** How severe one danger is: its class's severity, a warning while latent. */
export function dangerSeverity(d: Danger): Severity {
  return d.latent ? 'warning' : DANGER_CLASSES[d.class].severity;
}

/** `defense evasion: Restart-Service -Name WinDefend restarts ...; instead ...`. */
export function dangerText(d: Danger): string {
  const at = `${d.command}${d.parameter ? ` -${d.parameter}` : ''}${d.value !== undefined ? ` ${d.value}` : ''}`;
  const latent = d.latent
    ? ` (latent: the engine refuses it while the ${d.latent} provider is hidden; it works once a role or the session shows ${d.latent})`
    : '';
  return `${DANGER_CLASSES[d.class].label}: ${at} ${d.why}${latent}; ${d.safer}`;
}
