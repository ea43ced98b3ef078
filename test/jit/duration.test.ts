import {
  activationDurationProblem,
  durationSeconds,
  eligibilityExpiryProblem,
  formatDuration,
  vmJitDurationProblem,
} from '../../src/jit/duration';
import { addressPrefixKind, isOpenToInternet } from '../../src/jit/address';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT3H', 10800],
    ['PT30M', 1800],
    ['P1D', 86400],
    ['P1DT2H', 93600],
    ['PT1H30M', 5400],
    ['PT45S', 45],
  ])('%s is %i seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each(['3H', 'P', 'PT', 'P1M', 'P1W', 'PT1.5H', 'pt3h', '', 'P1DT'])('%j is not a duration Azure takes', (text) => {
    expect(durationSeconds(text)).toBeUndefined();
  });

  it.each([
    ['PT5M', undefined],
    ['PT24H', undefined],
    ['P1D', undefined],
    ['PT3H', undefined],
    ['PT4M', 'out of range: just-in-time VM access lasts PT5M to PT24H'],
    ['PT25H', 'out of range: just-in-time VM access lasts PT5M to PT24H'],
    ['3 hours', 'not an ISO 8601 duration (PT3H, PT30M)'],
  ])('VM JIT %s', (text, problem) => {
    expect(vmJitDurationProblem(text)).toBe(problem);
  });

  it.each([
    ['PT30M', undefined],
    ['PT1H', undefined],
    ['PT1H30M', undefined],
    ['PT23H30M', undefined],
    ['P1D', undefined],
    ['PT24H', 'write one day as P1D (allowed: PT30M to PT23H30M in 30-minute steps, or P1D)'],
    ['PT20M', 'out of range (allowed: PT30M to PT23H30M in 30-minute steps, or P1D)'],
    ['PT1H15M', 'out of range (allowed: PT30M to PT23H30M in 30-minute steps, or P1D)'],
    ['P2D', 'out of range (allowed: PT30M to PT23H30M in 30-minute steps, or P1D)'],
    ['PT90M', 'write it as PT1H30M'],
  ])('PIM activation %s', (text, problem) => {
    expect(activationDurationProblem(text)).toBe(problem);
  });

  it.each(['P15D', 'P30D', 'P90D', 'P180D', 'P365D', 'none'])('eligibility expiry %s is allowed', (text) => {
    expect(eligibilityExpiryProblem(text)).toBeUndefined();
  });

  it.each(['P60D', 'P1Y', 'PT1H'])('eligibility expiry %s is not', (text) => {
    expect(eligibilityExpiryProblem(text)).toBe('allowed: P15D, P30D, P90D, P180D, P365D or none');
  });
});

describe('address prefixes', () => {
  it.each([
    ['10.20.0.0/16', 'cidr'],
    ['192.168.100.7', 'ip'],
    ['2001:db8::/32', 'cidr'],
    ['::1', 'ip'],
    ['*', 'any'],
    ['Internet', 'serviceTag'],
    ['AzureCloud.WestEurope', 'serviceTag'],
    ['10.20.0.0/33', undefined],
    ['256.1.1.1', undefined],
    ['10.0.0', undefined],
    ['10.0.0.0/ 8', undefined],
    ['a b', undefined],
  ])('%s', (text, kind) => {
    expect(addressPrefixKind(text)).toBe(kind);
  });

  it('knows the prefixes that open a port to the internet', () => {
    expect(['*', 'Internet', 'Any', '0.0.0.0/0', '::/0'].every(isOpenToInternet)).toBe(true);
    expect(isOpenToInternet('10.0.0.0/8')).toBe(false);
  });
});
