/**
 * The review comment: the marker it is found by, the cut below GitHub's 65,536-character limit
 * (comment-body.sh on the untrusted side, post-comment.cjs again on the trusted side, since the
 * artifact is the pull request's), and post-comment.cjs choosing the one comment to update.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeGitHub, FakePull } from './fake-github';

const SCRIPTS = path.resolve(__dirname, '../../examples/ci/scripts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const post = require(path.join(SCRIPTS, 'post-comment.cjs')) as {
  (args: {
    github: unknown;
    context: unknown;
    core: unknown;
    env: Record<string, string | undefined>;
  }): Promise<{ posted: boolean; pr?: number }>;
  commentBody(text: string, runUrl?: string): string;
  MARKER: string;
  GITHUB_LIMIT: number;
};

const MARKER = '<!-- jeajit-review -->';
const RUN_URL = 'https://github.com/contoso/estate/actions/runs/42';

const dirs: string[] = [];
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-comment-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function commentBodySh(body: string, env: Record<string, string> = {}): string {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'body.md'), body);
  const r = spawnSync('bash', [path.join(SCRIPTS, 'comment-body.sh'), path.join(dir, 'body.md')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, REVIEW_DIR: path.join(dir, 'review'), RUN_URL, HEAD_SHA: 'a'.repeat(40), ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** A review far over the limit: table rows with multi-byte characters, and a code fence open where it is cut. */
function hugeReview(): string {
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `| JEA-Ops · \`CONTOSO\\Ops\` | \`Get-Ünïcødé-${i}\` | gained — “quoted” |`,
  );
  return [
    '## jeajit review',
    '',
    '| Endpoint | Right | Change |',
    '|---|---|---|',
    ...rows.slice(0, 300),
    '',
    '```text',
    ...rows.slice(300),
    '```',
    '',
  ].join('\n');
}

describe('comment-body.sh', () => {
  it('puts the marker first and a footer with the commits and the run, and leaves a short body whole', () => {
    const body = "## jeajit review\n\nNo change in anyone's rights.\n";
    const out = commentBodySh(body);
    expect(out.split('\n')[0]).toBe(MARKER);
    expect(out).toContain(body);
    expect(out).toContain(`jeajit review of \`aaaaaaaaaaaa\` · [workflow run](${RUN_URL})`);
    expect(out).not.toContain('cut');
  });

  it('cuts a long body at a line below the limit, closes an open code fence and links the full review', () => {
    const body = hugeReview();
    expect(body.length).toBeGreaterThan(150_000);
    const out = commentBodySh(body);
    expect(out.length).toBeLessThan(65_536);
    expect(Buffer.byteLength(out)).toBeLessThan(62_000);
    expect(out.split('\n')[0]).toBe(MARKER);
    expect(out).toContain(`The full review is in the \`jeajit-review\` artifact of [the workflow run](${RUN_URL})`);
    // every kept line is a whole line of the body (no cut character, no half row)
    const beforeNote = out.slice(0, out.indexOf('\n> [!WARNING]')).split('\n').slice(1);
    expect(beforeNote.length).toBeGreaterThan(100);
    const bodyLines = new Set(body.split('\n'));
    for (const line of beforeNote) expect(bodyLines.has(line)).toBe(true);
    expect(out).not.toContain('\uFFFD');
    // the fence opened in the body is closed before the note, so the note is not code
    const fences = beforeNote.filter((l) => l.startsWith('```'));
    expect(fences).toEqual(['```text', '```']);
  });

  it('honours a smaller limit', () => {
    const out = commentBodySh(hugeReview(), { JEAJIT_COMMENT_MAX_BYTES: '5000' });
    expect(Buffer.byteLength(out)).toBeLessThan(6000);
    expect(out).toContain('cut** at 5000 of its');
  });
});

describe('post-comment.cjs commentBody', () => {
  it('keeps exactly one marker, first', () => {
    const body = post.commentBody(`${MARKER}\n## jeajit review\n\nsome text with ${MARKER} inside\n`, RUN_URL);
    expect(body.startsWith(`${MARKER}\n## jeajit review`)).toBe(true);
    expect(body.split(MARKER).length - 1).toBe(1);
  });

  it("cuts a body over GitHub's limit (the artifact is the pull request's, so the trusted side checks again)", () => {
    const body = post.commentBody('x'.repeat(70) + '\n' + 'y'.repeat(200_000), RUN_URL);
    expect(body.length).toBeLessThan(post.GITHUB_LIMIT);
    expect(body).toContain(`[the workflow run](${RUN_URL})`);
    const lines = hugeReview();
    const cut = post.commentBody(lines, RUN_URL);
    expect(cut.length).toBeLessThanOrEqual(61_000);
    expect(lines.startsWith(cut.slice(MARKER.length + 1, cut.indexOf('\n\n> [!WARNING]')))).toBe(true);
  });
});

describe('post-comment.cjs', () => {
  const HEAD = 'b'.repeat(40);
  const pull = (over: Partial<FakePull> = {}): FakePull => ({
    number: 7,
    state: 'open',
    head: { sha: HEAD, ref: 'feature', repo: { full_name: 'contoso/estate', owner: { login: 'contoso' } } },
    base: { sha: 'c'.repeat(40), ref: 'main' },
    ...over,
  });
  const RW = { 'pull-requests': 'write', contents: 'read', actions: 'read' } as const;

  function setup(
    files: Record<string, string> = {
      'comment.md': `${MARKER}\n## jeajit review\n\nthe review\n`,
      'jeajit.sarif': '{"runs":[]}',
      'pr.json': '{"number":7}',
    },
  ) {
    const dir = tmp();
    for (const [f, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), c);
    const outputs: Record<string, string> = {};
    const core = {
      setOutput: (k: string, v: string) => (outputs[k] = v),
      info: () => undefined,
      warning: () => undefined,
    };
    return { dir, outputs, core };
  }
  const context = (over: Record<string, unknown> = {}) => ({
    repo: { owner: 'contoso', repo: 'estate' },
    payload: {
      workflow_run: {
        id: 42,
        event: 'pull_request',
        conclusion: 'success',
        head_sha: HEAD,
        head_branch: 'feature',
        head_repository: { full_name: 'contoso/estate', owner: { login: 'contoso' } },
        pull_requests: [{ number: 7 }],
        html_url: RUN_URL,
        ...over,
      },
    },
  });

  it("creates one comment, leaving a person's comment with the marker and the bot's other comments alone", async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull());
    gh.addComment(7, `quoting the bot: ${MARKER}`, 'alice');
    gh.addComment(7, 'another workflow of this repository', 'github-actions[bot]');
    const { dir, outputs, core } = setup();
    await post({ github: gh.client(RW), context: context(), core, env: { REVIEW_DIR: dir, DOWNLOADED: 'success' } });
    const comments = gh.commentsOn(7);
    expect(comments).toHaveLength(3);
    expect(comments[0].body).toBe(`quoting the bot: ${MARKER}`);
    expect(comments[1].body).toBe('another workflow of this repository');
    expect(comments[2].user.login).toBe('github-actions[bot]');
    expect(comments[2].body).toBe(`${MARKER}\n## jeajit review\n\nthe review\n`);
    expect(outputs).toEqual({ pr: '7', sarif: path.join(dir, 'jeajit.sarif') });
  });

  it('updates its own comment in place, and removes copies an earlier race left', async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull());
    const first = gh.addComment(7, `${MARKER}\nold review`, 'github-actions[bot]');
    gh.addComment(7, `${MARKER}\nolder copy`, 'github-actions[bot]');
    const { dir, core } = setup();
    await post({ github: gh.client(RW), context: context(), core, env: { REVIEW_DIR: dir, DOWNLOADED: 'success' } });
    expect(gh.commentsOn(7)).toEqual([{ ...first, body: `${MARKER}\n## jeajit review\n\nthe review\n` }]);
    expect(gh.calls.filter((c) => c.method === 'issues.createComment')).toEqual([]);
  });

  it('does not post the review of a commit the pull request has moved past, but uploads its SARIF', async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull({ head: { ...pull().head, sha: 'd'.repeat(40) } }));
    const { dir, outputs, core } = setup();
    const r = await post({
      github: gh.client(RW),
      context: context(),
      core,
      env: { REVIEW_DIR: dir, DOWNLOADED: 'success' },
    });
    expect(r.posted).toBe(false);
    expect(gh.commentsOn(7)).toEqual([]);
    expect(outputs).toEqual({ pr: '7', sarif: path.join(dir, 'jeajit.sarif') });
  });

  it('says the review run failed, linking it, when there is no artifact', async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull());
    const { dir, outputs, core } = setup({});
    await post({
      github: gh.client(RW),
      context: context({ conclusion: 'failure' }),
      core,
      env: { REVIEW_DIR: dir, DOWNLOADED: 'failure' },
    });
    const [c] = gh.commentsOn(7);
    expect(c.body.startsWith(MARKER)).toBe(true);
    expect(c.body).toContain(
      `The review run ended (**failure**) before it wrote a review of \`bbbbbbbbbbbb\`: see [the workflow run](${RUN_URL})`,
    );
    expect(outputs.sarif).toBe('');
  });

  it("finds a fork's pull request from the event, whatever number the artifact claims", async () => {
    const gh = new FakeGitHub('contoso/estate');
    const forkHead = { sha: HEAD, ref: 'feature', repo: { full_name: 'mallory/estate', owner: { login: 'mallory' } } };
    gh.pulls.push(pull({ number: 7 }), pull({ number: 9, head: forkHead }));
    const { dir, outputs, core } = setup({ 'comment.md': 'the review', 'pr.json': '{"number":7}' });
    await post({
      github: gh.client(RW),
      context: context({
        head_repository: { full_name: 'mallory/estate', owner: { login: 'mallory' } },
        pull_requests: [],
      }),
      core,
      env: { REVIEW_DIR: dir, DOWNLOADED: 'success' },
    });
    expect(gh.commentsOn(7)).toEqual([]);
    expect(gh.commentsOn(9).map((c) => c.body)).toEqual([`${MARKER}\nthe review`]);
    expect(outputs).toEqual({ pr: '9', sarif: '' });
  });

  it("posts nothing when no open pull request has the run's head", async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull({ state: 'closed' }));
    const { dir, outputs, core } = setup();
    const r = await post({
      github: gh.client(RW),
      context: context(),
      core,
      env: { REVIEW_DIR: dir, DOWNLOADED: 'success' },
    });
    expect(r.posted).toBe(false);
    expect(gh.commentsOn(7)).toEqual([]);
    expect(outputs).toEqual({ pr: '', sarif: '' });
  });

  it('cuts a comment.md over the limit that the untrusted side did not cut', async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull());
    const { dir, core } = setup({ 'comment.md': hugeReview() });
    await post({ github: gh.client(RW), context: context(), core, env: { REVIEW_DIR: dir, DOWNLOADED: 'success' } });
    const [c] = gh.commentsOn(7);
    expect(c.body.length).toBeLessThan(65_536);
    expect(c.body).toContain('This review is cut');
  });

  it("cannot comment with a read-only token (as the pull request's own run has)", async () => {
    const gh = new FakeGitHub('contoso/estate');
    gh.pulls.push(pull());
    const { dir, core } = setup();
    await expect(
      post({
        github: gh.client({ 'pull-requests': 'read', contents: 'read' }),
        context: context(),
        core,
        env: { REVIEW_DIR: dir, DOWNLOADED: 'success' },
      }),
    ).rejects.toThrow('Resource not accessible by integration');
  });
});
