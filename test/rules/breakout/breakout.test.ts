/**
 * The held-out breakout catalog: every technique must fail `jeajit lint` with at least one error,
 * and every safe least-privilege role must pass it (warnings allowed). The catalog is written from
 * public sources, not from the rules; see techniques.ts and safe-roles.ts.
 *
 * Set JEAJIT_BREAKOUT_REPORT=1 for a one-line summary on stderr.
 */
import { cleanEstates, Declaration, EstateResult, findingLines, lintDeclaration } from './estate';
import { SAFE_ROLES } from './safe-roles';
import { TECHNIQUES } from './techniques';

const techniqueResults = new Map<string, EstateResult>();
const safeResults = new Map<string, EstateResult>();

afterAll(() => {
  cleanEstates();
  if (process.env.JEAJIT_BREAKOUT_REPORT === '1') {
    const flagged = [...techniqueResults.values()].filter((r) => r.errors.length > 0).length;
    const safeErrors = [...safeResults.values()].reduce((n, r) => n + r.errors.length, 0);
    process.stderr.write(
      `breakout: ${flagged}/${techniqueResults.size} techniques flagged, ${safeErrors} errors on safe roles\n`,
    );
  }
});

/** The catalog's own soundness, so that a result never comes from a malformed entry. */
describe('the breakout catalog', () => {
  const all: readonly Declaration[] = [...TECHNIQUES, ...SAFE_ROLES];

  it('holds at least 60 distinct techniques and 20 safe roles, each with a unique id and an https source', () => {
    const techniqueIds = TECHNIQUES.map((t) => t.id);
    const safeIds = SAFE_ROLES.map((s) => s.id);
    expect(new Set(techniqueIds).size).toBe(techniqueIds.length);
    expect(new Set(safeIds).size).toBe(safeIds.length);
    expect(new Set(techniqueIds).size).toBeGreaterThanOrEqual(60);
    expect(new Set(safeIds).size).toBeGreaterThanOrEqual(20);
    expect(techniqueIds.filter((id) => safeIds.includes(id))).toEqual([]);
    for (const d of all) {
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.title.trim()).not.toBe('');
      expect(d.source).toMatch(/^https:\/\/\S+$/);
      expect(d.psrc !== undefined || d.pssc !== undefined || d.corpusFile !== undefined).toBe(true);
      expect(d.psrc !== undefined && d.corpusFile !== undefined).toBe(false);
    }
  });

  it.each(all.map((d) => [d.id, d] as const))('%s parses and decodes as JEA (it reaches the rules)', (_id, d) => {
    expect(lintDeclaration(d).unread).toEqual([]);
  });

  it('the standard endpoint with a benign role raises no error', () => {
    const r = lintDeclaration({ id: 'baseline', title: 'baseline', source: 'https://example.invalid' });
    expect(findingLines(r.errors)).toBe('');
  });
});

describe('breakout techniques fail lint', () => {
  it.each(TECHNIQUES.map((t) => [t.id, t] as const))('%s', (id, t) => {
    const r = lintDeclaration(t);
    techniqueResults.set(id, r);
    if (r.errors.length === 0) {
      throw new Error(
        `not flagged: ${t.title} (${t.source})${r.findings.length ? `\nfindings:\n${findingLines(r.findings)}` : ''}`,
      );
    }
  });
});

describe('techniques that need a provider', () => {
  const needing = TECHNIQUES.filter((t) => t.provider);
  it.each(needing.map((t) => [t.id, t] as const))('%s without it is a latent warning, not silence', (_id, t) => {
    const r = lintDeclaration(t, { withoutProvider: true });
    expect(findingLines(r.errors)).toBe('');
    expect(r.findings.some((f) => f.severity === 'warning' && /latent/.test(f.message))).toBe(true);
  });
});

describe('safe least-privilege roles pass lint', () => {
  it.each(SAFE_ROLES.map((s) => [s.id, s] as const))('%s', (id, s) => {
    const r = lintDeclaration(s);
    safeResults.set(id, r);
    if (r.errors.length > 0) throw new Error(`errors on a safe role (${s.title}):\n${findingLines(r.errors)}`);
  });
});
