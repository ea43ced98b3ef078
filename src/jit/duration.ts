/**
 * ISO 8601 durations as Azure takes them (`PT3H`, `PT30M`, `P90D`, `P1DT2H`): days, hours,
 * minutes and seconds only (years, months and weeks have no fixed length and Azure refuses them).
 */

/** The number of seconds of an ISO 8601 duration, or undefined when it is not one Azure takes. */
export function durationSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return (d * 24 + h) * 3600 + min * 60 + s;
}

/** Writes a number of seconds as a compact ISO 8601 duration (`PT4H`, `PT1H30M`, `P1D`). */
export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}` || 'PT0S';
}

/** Service limits of the durations jeajit declares. */
export const LIMITS = {
  /** Defender for Cloud JIT: a request lasts 5 minutes to 24 hours. */
  vmJit: { min: 5 * 60, max: 24 * 3600 },
  /** PIM activation: PT30M to PT23H30M in 30-minute steps, or one day. */
  pimActivation: { step: 30 * 60, min: 30 * 60, max: 23.5 * 3600, oneDay: 24 * 3600 },
  /** PIM eligibility expiry, as the role management policy takes it. */
  eligibilityExpiry: ['P15D', 'P30D', 'P90D', 'P180D', 'P365D'] as const,
};

/** An eligibility expiry: one of the durations PIM offers, or `none` (permanent, flagged by JIT005). */
export type EligibilityExpiry = (typeof LIMITS.eligibilityExpiry)[number] | 'none';

/** Why a VM JIT maximum request duration is not allowed, or undefined. */
export function vmJitDurationProblem(text: string): string | undefined {
  const s = durationSeconds(text);
  if (s === undefined) return 'not an ISO 8601 duration (PT3H, PT30M)';
  if (s < LIMITS.vmJit.min || s > LIMITS.vmJit.max) return 'out of range: just-in-time VM access lasts PT5M to PT24H';
  return undefined;
}

/** Why a PIM maximum activation duration is not allowed, or undefined. */
export function activationDurationProblem(text: string): string | undefined {
  const s = durationSeconds(text);
  const { step, min, max, oneDay } = LIMITS.pimActivation;
  const allowed = 'PT30M to PT23H30M in 30-minute steps, or P1D';
  if (s === undefined) return `not an ISO 8601 duration (allowed: ${allowed})`;
  if (s === oneDay) return text === 'P1D' ? undefined : `write one day as P1D (allowed: ${allowed})`;
  if (s < min || s > max || s % step !== 0) return `out of range (allowed: ${allowed})`;
  if (formatDuration(s) !== text) return `write it as ${formatDuration(s)}`;
  return undefined;
}

/** Why an eligibility expiry is not allowed, or undefined. */
export function eligibilityExpiryProblem(text: string): string | undefined {
  if (text === 'none' || (LIMITS.eligibilityExpiry as readonly string[]).includes(text)) return undefined;
  return `allowed: ${LIMITS.eligibilityExpiry.join(', ')} or none`;
}

/** The day count of an eligibility expiry (`P90D` is 90), or undefined for `none`. */
export function expiryDays(expiry: EligibilityExpiry): number | undefined {
  return expiry === 'none' ? undefined : Number(expiry.slice(1, -1));
}
