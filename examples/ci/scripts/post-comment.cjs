// The trusted half of the review: run by actions/github-script in jeajit-review-comment.yml (on
// workflow_run, with the base repository's token), from the default branch, never from the pull
// request. It reads the `jeajit-review` artifact (written by the untrusted run: its content is data,
// never code, and never trusted for where to post) and posts or updates exactly one comment on the
// pull request: its own, found by author AND marker. Sets the outputs `pr` (the pull request
// number) and `sarif` (the SARIF file to upload, or empty).
'use strict';
const fs = require('fs');
const path = require('path');

const MARKER = '<!-- jeajit-review -->';
/** GitHub refuses a comment body over 65,536 characters. */
const GITHUB_LIMIT = 65536;
/** What this script keeps of a body that is longer than GitHub takes (characters). */
const KEEP = 60000;

/** The comment body: one marker first (any other copy removed), cut at a line below GitHub's limit. */
function commentBody(text, runUrl) {
  let body = text
    .split(MARKER)
    .join('')
    .replace(/^\s*\n/, '');
  if (MARKER.length + 1 + body.length > GITHUB_LIMIT - 1000) {
    const cut = body.lastIndexOf('\n', KEEP);
    body =
      body.slice(0, cut > 0 ? cut : KEEP) +
      '\n\n> [!WARNING]\n> **This review is cut** to fit in a comment. The full review is in the `jeajit-review` artifact of ' +
      (runUrl ? `[the workflow run](${runUrl}).` : 'the workflow run.') +
      '\n';
  }
  return `${MARKER}\n${body}`;
}

/** Whether a comment is this workflow's: written by its author (the token's bot) and carrying the marker. */
function isOurs(comment, author) {
  return (
    !!comment.user && comment.user.login === author && typeof comment.body === 'string' && comment.body.includes(MARKER)
  );
}

/**
 * The open pull request the reviewed run belongs to, found from the event (trusted), not from the
 * artifact: `workflow_run.pull_requests` is empty for pull requests from forks, so the pull requests
 * whose head is the run's repository and branch. When several match (one branch proposed to two
 * bases), the artifact's number picks among them.
 */
async function findPullRequest({ github, context, run, claimed }) {
  const { owner, repo } = context.repo;
  const headRepo = run.head_repository && run.head_repository.full_name;
  const headOwner = run.head_repository && run.head_repository.owner && run.head_repository.owner.login;
  const pulls = await github.paginate(github.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    head: `${headOwner}:${run.head_branch}`,
    per_page: 100,
  });
  const candidates = pulls.filter(
    (p) => p.head && p.head.repo && p.head.repo.full_name === headRepo && p.head.ref === run.head_branch,
  );
  return (
    candidates.find((p) => p.number === claimed) || candidates.find((p) => p.head.sha === run.head_sha) || candidates[0]
  );
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Posts or updates the review comment. `env` is the step's environment (REVIEW_DIR, DOWNLOADED, COMMENT_AUTHOR). */
async function postReview({ github, context, core, env = process.env }) {
  const run = context.payload.workflow_run;
  if (!run) throw new Error('post-comment.cjs runs on workflow_run events');
  const { owner, repo } = context.repo;
  const dir = env.REVIEW_DIR;
  const author = env.COMMENT_AUTHOR || 'github-actions[bot]';
  // each output once (the runner reads them from one file)
  const outputs = (pr, sarif) => {
    core.setOutput('pr', pr ? String(pr) : '');
    core.setOutput('sarif', sarif || '');
  };

  let claimed;
  try {
    claimed = Number(JSON.parse(readIfExists(path.join(dir, 'pr.json')) || '{}').number) || undefined;
  } catch {
    claimed = undefined;
  }
  const pr = await findPullRequest({ github, context, run, claimed });
  if (!pr) {
    core.info(
      `no open pull request has the head ${run.head_repository && run.head_repository.full_name}:${run.head_branch}: nothing to post`,
    );
    outputs();
    return { posted: false };
  }
  // the analysis belongs to the run's commit even when the pull request has moved on
  const sarif = path.join(dir, 'jeajit.sarif');
  outputs(pr.number, fs.existsSync(sarif) ? sarif : '');

  if (pr.head.sha !== run.head_sha) {
    core.info(
      `pull request #${pr.number} is now at ${pr.head.sha}, not ${run.head_sha}: the review of the newer commit will post`,
    );
    return { posted: false, pr: pr.number };
  }

  const written = env.DOWNLOADED === 'success' ? readIfExists(path.join(dir, 'comment.md')) : undefined;
  const text =
    written !== undefined
      ? written
      : `## jeajit review\n\n> [!CAUTION]\n> The review run ended (**${run.conclusion}**) before it wrote a review of \`${run.head_sha.slice(0, 12)}\`: see [the workflow run](${run.html_url}).\n`;
  const body = commentBody(text, run.html_url);

  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const ours = comments.filter((c) => isOurs(c, author));
  if (ours.length === 0) {
    await github.rest.issues.createComment({ owner, repo, issue_number: pr.number, body });
    core.info(`posted the review on #${pr.number}`);
  } else {
    await github.rest.issues.updateComment({ owner, repo, comment_id: ours[0].id, body });
    // one comment: others of ours (left by an earlier race) go
    for (const extra of ours.slice(1)) await github.rest.issues.deleteComment({ owner, repo, comment_id: extra.id });
    core.info(`updated the review on #${pr.number}`);
  }
  return { posted: true, pr: pr.number };
}

module.exports = postReview;
module.exports.commentBody = commentBody;
module.exports.isOurs = isOurs;
module.exports.findPullRequest = findPullRequest;
module.exports.MARKER = MARKER;
module.exports.GITHUB_LIMIT = GITHUB_LIMIT;
