/**
 * The example workflows as files: valid for GitHub Actions (GitHub's own workflow parser), actions
 * pinned by commit, and the split between the untrusted job (runs the pull request's code, reads
 * only) and the trusted job (writes, runs none of it) kept as the README describes it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { ACTION_INPUTS } from './runner';

const CI = path.resolve(__dirname, '../../examples/ci');
const REVIEW = path.join(CI, 'jeajit-review.yml');
const COMMENT = path.join(CI, 'jeajit-review-comment.yml');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const load = (file: string) => parse(fs.readFileSync(file, 'utf8')) as Json;
const steps = (wf: Json, job: string) => wf.jobs[job].steps as Json[];

/** What each pinned SHA is: the commit of the release tag named in its comment (read from the action's repository). */
const PINS: Record<string, { sha: string; tag: string }> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  'actions/setup-node': { sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  'actions/upload-artifact': { sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
  'actions/download-artifact': { sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', tag: 'v8.0.1' },
  'actions/github-script': { sha: 'ed597411d8f924073f98dfc5c65a23a2325f34cd', tag: 'v8.0.0' },
  'github/codeql-action/upload-sarif': { sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', tag: 'v4.36.2' },
};

function validate(...files: string[]): { file: string; errors: string[]; jobs: string[] }[] {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'validate-workflow.mjs'), ...files], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`validate-workflow.mjs: ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('the example workflows', () => {
  it("are valid GitHub Actions workflows (GitHub's workflow parser: schema, expressions, contexts)", () => {
    expect(validate(REVIEW, COMMENT)).toEqual([
      { file: REVIEW, errors: [], jobs: ['review', 'baseline'] },
      { file: COMMENT, errors: [], jobs: ['comment'] },
    ]);
  });

  it('would be refused by that parser if broken (the check is live)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-wf-'));
    const broken = path.join(dir, 'broken.yml');
    const text = fs.readFileSync(REVIEW, 'utf8');
    fs.writeFileSync(
      broken,
      text
        .replace('timeout-minutes: 30', 'timeout-minute: 30')
        .replace('JEAJIT_FAIL_ON: dangerous,error', 'JEAJIT_FAIL_ON: ${{ runner.temp }}'),
    );
    const [result] = validate(broken);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.errors.join('\n')).toMatch(/Unexpected value 'timeout-minute'/);
    expect(result.errors.join('\n')).toMatch(/Unrecognized named-value: 'runner'/);
  });

  it('pin every action to the full commit of a release, named in a comment', () => {
    for (const file of [REVIEW, COMMENT]) {
      const lines = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => /^\s*(-\s+)?uses:/.test(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const m = /uses:\s+([\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
        expect(m).not.toBeNull();
        const [, action, sha, tag] = m!;
        expect({ action, sha, tag }).toEqual({ action, ...PINS[action] });
        expect(ACTION_INPUTS[action]).toBeDefined();
      }
    }
  });

  it('keep the logic in scripts: each run step is one call of a script under .github/jeajit/scripts/, with no ${{ }} in it', () => {
    const scripts = new Set(fs.readdirSync(path.join(CI, 'scripts')));
    for (const wf of [load(REVIEW), load(COMMENT)]) {
      for (const job of Object.values<Json>(wf.jobs)) {
        for (const step of job.steps as Json[]) {
          if (step.run === undefined) continue;
          const m = /^bash head\/\.github\/jeajit\/scripts\/([\w-]+\.sh)( [\w ]+)?$/.exec(step.run);
          expect(m).not.toBeNull();
          expect(scripts.has(m![1])).toBe(true);
        }
      }
    }
    for (const f of scripts) {
      if (!f.endsWith('.sh')) continue;
      const r = spawnSync('bash', ['-n', path.join(CI, 'scripts', f)], { encoding: 'utf8' });
      expect({ f, stderr: r.stderr }).toEqual({ f, stderr: '' });
    }
  });

  it("run the pull request's code only in a job with a read-only token and no stored credentials", () => {
    const wf = load(REVIEW);
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.review.if).toBe("github.event_name == 'pull_request'");
    expect(wf.jobs.review.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.baseline.if).toBe("github.event_name == 'push'");
    expect(fs.readFileSync(REVIEW, 'utf8')).not.toMatch(/secrets\.|pull_request_target/);
    const uses = (s: Json) => String(s.uses ?? '').replace(/@.*/, '');
    // the pull request's job neither comments nor uploads to code scanning
    expect(steps(wf, 'review').map(uses).filter(Boolean)).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/upload-artifact',
    ]);
    for (const job of ['review', 'baseline']) {
      for (const s of steps(wf, job).filter((x) => uses(x) === 'actions/checkout'))
        expect(s.with['persist-credentials']).toBe(false);
      for (const s of steps(wf, job).filter((x) => uses(x) === 'actions/setup-node'))
        expect(s.with).toMatchObject({ cache: 'npm', 'cache-dependency-path': 'head/package-lock.json' });
    }
    expect(steps(wf, 'review')[0].with).toMatchObject({
      ref: '${{ github.event.pull_request.head.sha }}',
      'fetch-depth': 0,
    });
    // a newer push cancels the review of the older one
    expect(wf.concurrency).toEqual({
      group: 'jeajit-review-${{ github.event.pull_request.number || github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    });
  });

  it("write only from the trusted workflow, which runs on workflow_run from the default branch and runs none of the pull request's code", () => {
    const review = load(REVIEW);
    const wf = load(COMMENT);
    expect(wf.on).toEqual({ workflow_run: { workflows: [review.name], types: ['completed'] } });
    expect(wf.permissions).toEqual({});
    const job = wf.jobs.comment;
    expect(job.if).toMatch(/github\.event\.workflow_run\.event == 'pull_request'/);
    expect(job.permissions).toEqual({
      actions: 'read',
      contents: 'read',
      'pull-requests': 'write',
      'security-events': 'write',
    });
    // one run at a time per pull request branch
    expect(wf.concurrency).toEqual({
      group:
        'jeajit-review-comment-${{ github.event.workflow_run.head_repository.full_name }}-${{ github.event.workflow_run.head_branch }}',
      'cancel-in-progress': false,
    });
    expect(job.steps.filter((s: Json) => s.run !== undefined)).toEqual([]);
    const [checkout, download, comment, sarif] = job.steps as Json[];
    // the default branch's scripts: no ref, no other repository
    expect(checkout.with).toEqual({
      path: 'trusted',
      'sparse-checkout': '.github/jeajit',
      'persist-credentials': false,
    });
    // into the runner's temp folder, outside the workspace: the artifact (the pull request's) cannot replace the checked-out script
    expect(download.with).toEqual({
      name: 'jeajit-review',
      'run-id': '${{ github.event.workflow_run.id }}',
      'github-token': '${{ github.token }}',
      path: '${{ runner.temp }}/jeajit-review',
    });
    expect(download['continue-on-error']).toBe(true);
    expect(comment.with.script).toContain('/trusted/.github/jeajit/scripts/post-comment.cjs');
    expect(sarif.with).toEqual({
      sarif_file: '${{ steps.comment.outputs.sarif }}',
      checkout_path: '${{ runner.temp }}/jeajit-review',
      ref: 'refs/pull/${{ steps.comment.outputs.pr }}/head',
      sha: '${{ github.event.workflow_run.head_sha }}',
      category: 'jeajit',
    });
  });
});
