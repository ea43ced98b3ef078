/**
 * The example workflows run end to end on this machine (runner.ts): every `run:` step of each job,
 * in order, with bash, against real git commits of a user's repository (estate-repo.ts) whose
 * `npm ci` and `npm run synth` work offline, with fakes for the `uses:` steps and for GitHub's API.
 * Each pull request goes through the untrusted job (pull_request), its artifact, then the trusted
 * job (workflow_run): the assertions are on the comment GitHub would show and the SARIF it would
 * receive. The CLI runs from dist/ (npm test builds it first).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EndpointSpec, EstateRepo, jeajitFiles, MAIN, workflowFiles } from './estate-repo';
import { FakeGitHub } from './fake-github';
import { JobResult, runJob, Site, WorkflowEvent } from './runner';

const MARKER = '<!-- jeajit-review -->';
const REPOSITORY = 'contoso/estate';
const OPS: EndpointSpec = { name: 'JEA-Ops', principal: 'CONTOSO\\Ops', cmdlets: ['Get-Service'] };

jest.setTimeout(180_000);

const roots: string[] = [];
beforeAll(() => {
  if (!fs.existsSync(path.join(MAIN, 'dist', 'src', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});
// JEAJIT_KEEP_CI_TMP=1 keeps the repositories, workspaces and artifacts for a look
afterAll(() => {
  if (!process.env.JEAJIT_KEEP_CI_TMP) for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

interface PullRequest {
  readonly number: number;
  readonly base: string;
  readonly head: string;
  /** owner/name of the repository the head comes from (a fork when not REPOSITORY). */
  readonly headRepo?: string;
  readonly branch?: string;
}

/** A repository on "GitHub": its git commits, API and artifacts, and the workflows run on it. */
class Scenario {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-ci-'));
  readonly repo = (roots.push(this.root), new EstateRepo(this.root));
  readonly github = new FakeGitHub(REPOSITORY);
  private nextRun = 100;
  readonly site: Site = {
    repository: REPOSITORY,
    origin: this.repo.dir,
    artifacts: path.join(this.root, 'artifacts'),
    github: this.github,
    // offline: npm must not reach a registry for these installs
    env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    root: this.root,
  };

  /** A workflow file as it is in a commit: pull_request runs take the pull request's, workflow_run and push runs the default branch's. */
  workflow(commit: string, name: string): string {
    return this.repo.show(commit, `.github/workflows/${name}`, path.join(this.root, `${commit.slice(0, 12)}-${name}`));
  }

  /** Opens a pull request as GitHub lists it (`pulls.list`), with refs/pull/N/head. */
  open(pr: PullRequest): void {
    const headRepo = pr.headRepo ?? REPOSITORY;
    this.repo.setPullRef(pr.number, pr.head);
    this.github.pulls.push({
      number: pr.number,
      state: 'open',
      head: {
        sha: pr.head,
        ref: pr.branch ?? 'feature',
        repo: { full_name: headRepo, owner: { login: headRepo.split('/')[0] } },
      },
      base: { sha: pr.base, ref: 'main' },
    });
  }

  /** The untrusted job on the pull_request event, then the trusted job on its workflow_run. */
  async review(pr: PullRequest): Promise<{ review: JobResult; comment: JobResult; runId: number }> {
    const headRepo = pr.headRepo ?? REPOSITORY;
    const runId = this.nextRun++;
    const pullRequest = {
      number: pr.number,
      head: { sha: pr.head, ref: pr.branch ?? 'feature', repo: { full_name: headRepo, fork: headRepo !== REPOSITORY } },
      base: { sha: pr.base, ref: 'main', repo: { full_name: REPOSITORY } },
    };
    const prEvent: WorkflowEvent = {
      name: 'pull_request',
      payload: {
        action: 'synchronize',
        number: pr.number,
        pull_request: pullRequest,
        repository: { full_name: REPOSITORY, default_branch: 'main' },
      },
      sha: pr.head, // GitHub's is the test merge commit; the job checks out head.sha explicitly
      ref: `refs/pull/${pr.number}/merge`,
    };
    const review = await runJob(this.workflow(pr.head, 'jeajit-review.yml'), 'review', prEvent, runId, this.site);
    const comment = await this.comment(pr, runId, review.conclusion);
    return { review, comment, runId };
  }

  /** The trusted job, on the workflow_run event of the untrusted run `runId` (run again: a re-run). */
  comment(pr: PullRequest, runId: number, conclusion: string): Promise<JobResult> {
    const headRepo = pr.headRepo ?? REPOSITORY;
    const mainTip = this.repo.tip('main');
    const runEvent: WorkflowEvent = {
      name: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: {
          id: runId,
          name: 'jeajit review',
          event: 'pull_request',
          status: 'completed',
          conclusion,
          head_sha: pr.head,
          head_branch: pr.branch ?? 'feature',
          head_repository: { full_name: headRepo, owner: { login: headRepo.split('/')[0] } },
          // GitHub leaves this empty for pull requests from forks
          pull_requests:
            headRepo === REPOSITORY ? [{ number: pr.number, head: { sha: pr.head }, base: { sha: pr.base } }] : [],
          html_url: `https://github.com/${REPOSITORY}/actions/runs/${runId}`,
        },
        repository: { full_name: REPOSITORY, default_branch: 'main' },
      },
      // workflow_run runs the default branch's workflow at its latest commit
      sha: mainTip,
      ref: 'refs/heads/main',
    };
    return runJob(this.workflow(mainTip, 'jeajit-review-comment.yml'), 'comment', runEvent, this.nextRun++, this.site);
  }

  /** The baseline job on a push to main. */
  async push(): Promise<JobResult> {
    const tip = this.repo.tip('main');
    const event: WorkflowEvent = {
      name: 'push',
      payload: { ref: 'refs/heads/main', after: tip, repository: { full_name: REPOSITORY, default_branch: 'main' } },
      sha: tip,
      ref: 'refs/heads/main',
    };
    const job = await runJob(this.workflow(tip, 'jeajit-review.yml'), 'baseline', event, this.nextRun++, this.site);
    const skipped = await runJob(this.workflow(tip, 'jeajit-review.yml'), 'review', event, this.nextRun++, this.site);
    expect(skipped.conclusion).toBe('skipped');
    return job;
  }

  artifact(runId: number, file: string): string {
    return fs.readFileSync(path.join(this.site.artifacts, String(runId), 'jeajit-review', file), 'utf8');
  }

  /** This workflow's comments on a pull request (by author and marker). */
  ours(pr: number) {
    return this.github.commentsOn(pr).filter((c) => c.user.login === 'github-actions[bot]' && c.body.includes(MARKER));
  }
}

function expectSteps(job: JobResult, outcomes: Record<string, string>): void {
  const actual = Object.fromEntries(job.steps.map((s) => [s.name, s.outcome]));
  if (Object.entries(outcomes).some(([k, v]) => actual[k] !== v))
    throw new Error(`steps: ${JSON.stringify(actual, null, 2)}\n${job.log}`);
}

describe('the review workflows, run on real commits', () => {
  it('reviews a change as the rights it gives, against where the pull request branched, and posts one comment', async () => {
    const s = new Scenario();
    const base = s.repo.commit('main', { ...workflowFiles(), ...jeajitFiles([OPS]) }, 'the estate');
    const head = s.repo.commit(
      'feature',
      jeajitFiles([{ ...OPS, cmdlets: ['Get-Service', 'Get-Volume'] }]),
      'operators may read volumes',
      base,
    );
    // main moves on after the branch: its change is not the pull request's
    const mainTip = s.repo.commit(
      'main',
      jeajitFiles([{ ...OPS, cmdlets: ['Get-Service', 'Get-Process'] }]),
      'operators may list processes',
    );
    s.open({ number: 7, base: mainTip, head });
    // an earlier push of this pull request left the review comment; a person quoted the marker
    const earlier = s.github.addComment(7, `${MARKER}\n## jeajit review\n\n(an earlier push)`, 'github-actions[bot]');
    s.github.addComment(7, `Looks fine. ${MARKER}`, 'alice');

    const { review, comment, runId } = await s.review({ number: 7, base: mainTip, head });
    expect(review.conclusion).toBe('success');
    expectSteps(review, { 'Fail when the head did not synthesize or the gate failed': 'success' });
    expect(s.artifact(runId, 'base/status').trim()).toBe('ok');
    expect(s.artifact(runId, 'base-sha').trim()).toBe(base); // the merge base, not the base branch's tip
    const body = s.artifact(runId, 'comment.md');
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(body).toContain('### Rights gained');
    expect(body).toContain('**JEA-Ops** · `CONTOSO\\Ops`\n\n- `Get-Volume (any parameters)`');
    expect(body).not.toContain('Get-Process'); // main's own change, not lost by this pull request
    expect(body).not.toContain('Rights lost');
    expect(body).toContain(
      `jeajit review of \`${head.slice(0, 12)}\` against \`${base.slice(0, 12)}\` · [workflow run](https://github.com/${REPOSITORY}/actions/runs/${runId})`,
    );
    expect(review.summary).toContain('Get-Volume');

    expect(comment.conclusion).toBe('success');
    const ours = s.ours(7);
    expect(ours).toHaveLength(1);
    expect(ours[0].id).toBe(earlier.id); // updated in place
    expect(ours[0].body).toBe(body);
    expect(s.github.commentsOn(7).find((c) => c.user.login === 'alice')!.body).toBe(`Looks fine. ${MARKER}`);
    // code scanning gets the head's findings, for the pull request's head commit
    expect(comment.sarifUploads).toHaveLength(1);
    expect(comment.sarifUploads[0]).toMatchObject({ ref: 'refs/pull/7/head', sha: head, category: 'jeajit' });
    expect(comment.sarifUploads[0].sarif.runs).toHaveLength(1);

    // the comment workflow run again on the same review (a re-run): still one comment
    const again = await s.comment({ number: 7, base: mainTip, head }, runId, 'success');
    expect(again.conclusion).toBe('success');
    expect(s.ours(7).map((c) => c.id)).toEqual([earlier.id]);

    // the push to main uploads the baseline code scanning compares pull requests with
    const baseline = await s.push();
    expect(baseline.conclusion).toBe('success');
    expect(baseline.sarifUploads).toHaveLength(1);
    expect(baseline.sarifUploads[0]).toMatchObject({ ref: 'refs/heads/main', sha: mainTip, category: 'jeajit' });
  });

  it('posts the failed synth as the review, with its log, uploads no SARIF, and fails the check after uploading', async () => {
    const s = new Scenario();
    const base = s.repo.commit('main', { ...workflowFiles(), ...jeajitFiles([OPS]) }, 'the estate');
    // the construct refuses a command that runs any text as code: the synth fails
    const head = s.repo.commit(
      'feature',
      jeajitFiles([{ ...OPS, cmdlets: ['Get-Service', 'Invoke-Expression'] }]),
      'operators may run anything',
      base,
    );
    s.open({ number: 8, base, head });

    const { review, comment, runId } = await s.review({ number: 8, base, head });
    expect(review.conclusion).toBe('failure');
    expectSteps(review, {
      'Synthesize the head': 'success',
      'Review (jeajit lint as SARIF, jeajit diff as Markdown)': 'success',
      'Upload the review for jeajit-review-comment.yml': 'success',
      'Fail when the head did not synthesize or the gate failed': 'failure',
    });
    expect(s.artifact(runId, 'head/status').trim()).toBe('failed');
    expect(s.artifact(runId, 'exit-code').trim()).toBe('1');
    expect(fs.existsSync(path.join(s.site.artifacts, String(runId), 'jeajit-review', 'jeajit.sarif'))).toBe(false);

    expect(comment.conclusion).toBe('success');
    const [c] = s.ours(8);
    expect(c.body).toContain('**The head of this pull request did not synthesize** (npm run synth failed (exit 1))');
    expect(c.body).toMatch(/JEA001.*Invoke-Expression/);
    expect(c.body).not.toContain('Rights gained');
    expect(comment.sarifUploads).toEqual([]);
  });

  it('reviews the pull request that adopts jeajit against an empty estate, and says so', async () => {
    const s = new Scenario();
    // before jeajit: a package.json for other tooling, no jeajit, no synth script; the workflows are
    // on the default branch already (workflow_run runs the default branch's comment workflow)
    const base = s.repo.commit(
      'main',
      {
        ...workflowFiles(),
        'package.json': '{ "name": "infra", "private": true, "scripts": { "fmt": "echo fmt" } }\n',
        'README.md': '# infra\n',
      },
      'before jeajit',
    );
    const head = s.repo.commit('adopt', jeajitFiles([OPS]), 'adopt jeajit', base);
    s.open({ number: 3, base, head, branch: 'adopt' });

    const { review, comment, runId } = await s.review({ number: 3, base, head, branch: 'adopt' });
    expect(review.conclusion).toBe('success');
    expect(s.artifact(runId, 'base/status').trim()).toBe('empty');
    const [c] = s.ours(3);
    expect(c.body).toContain(
      `The base (\`${base.slice(0, 12)}\`) has no jeajit estate (package.json has no jeajit dependency), so this pull request is reviewed against an **empty** estate`,
    );
    expect(c.body).toContain('New endpoints: `JEA-Ops`');
    expect(c.body).toContain('- `Get-Service (any parameters)`');
    expect(comment.sarifUploads.map((u) => u.ref)).toEqual(['refs/pull/3/head']);
  });

  it("reviews a fork's pull request with a read-only token, fails the gate on a dangerous gain, and comments from the trusted run", async () => {
    const s = new Scenario();
    const base = s.repo.commit('main', { ...workflowFiles(), ...jeajitFiles([OPS]) }, 'the estate');
    const head = s.repo.commit(
      'feature',
      jeajitFiles([{ ...OPS, cmdlets: ['Get-Service', 'Restart-Computer'] }]),
      'operators may restart any host',
      base,
    );
    // the fork's branch is not in this repository; GitHub keeps refs/pull/9/head
    s.repo.deleteBranch('feature');
    s.open({ number: 9, base, head, headRepo: 'mallory/estate' });

    const { review, comment, runId } = await s.review({ number: 9, base, head, headRepo: 'mallory/estate' });
    expect(review.conclusion).toBe('failure');
    expect(s.artifact(runId, 'exit-code').trim()).toBe('3');
    const [c] = s.ours(9);
    expect(c.body).toContain('**The review gate failed** (`--fail-on dangerous,error`)');
    expect(c.body).toContain('### Dangerous gains');
    expect(c.body).toMatch(/lateral movement \| JEA-Ops · `CONTOSO\\Ops` \| `Restart-Computer \(any parameters\)`/);
    // found from the event although workflow_run.pull_requests is empty for forks
    expect(comment.sarifUploads).toHaveLength(1);
    expect(comment.sarifUploads[0]).toMatchObject({ ref: 'refs/pull/9/head', sha: head });
  });
});
