/**
 * The GitHub REST API as the comment script uses it (through actions/github-script's octokit):
 * pull requests and issue comments in memory, with the token's permissions checked as GitHub
 * checks them, so that a job without `pull-requests: write` (or a fork's read-only token) cannot
 * comment here either.
 */

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  head: { sha: string; ref: string; repo: { full_name: string; owner: { login: string } } };
  base: { sha: string; ref: string };
}

export type Permissions = Readonly<Record<string, 'read' | 'write' | 'none'>>;

/** What the fake API was asked to do (for assertions). */
export interface ApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** `f`'s result as a promise, and what it throws as a rejection, as an async API call fails. */
function settle<T>(f: () => T): Promise<T> {
  return new Promise((resolve) => resolve(f()));
}

export class FakeGitHub {
  readonly comments = new Map<number, FakeComment[]>();
  readonly pulls: FakePull[] = [];
  readonly calls: ApiCall[] = [];
  private nextId = 1000;

  constructor(readonly repository: string) {}

  /** A comment someone (or some bot) already wrote on a pull request. */
  addComment(issue: number, body: string, login: string): FakeComment {
    const c: FakeComment = { id: this.nextId++, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' } };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), c]);
    return c;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.get(issue) ?? [];
  }

  /** The octokit a job's GITHUB_TOKEN gets: `permissions` are the job's (a fork's pull_request run gets read-only ones). */
  client(permissions: Permissions, author = 'github-actions[bot]') {
    const need = (scope: string, level: 'read' | 'write', method: string) => {
      const has = permissions[scope] ?? 'none';
      if (has === 'none' || (level === 'write' && has !== 'write')) {
        const e = new Error(`Resource not accessible by integration (${method} needs ${scope}: ${level})`) as Error & {
          status: number;
        };
        e.status = 403;
        throw e;
      }
    };
    const [owner, repo] = this.repository.split('/');
    const checkRepo = (p: Record<string, unknown>) => {
      if (p.owner !== owner || p.repo !== repo)
        throw new Error(`unexpected repository ${String(p.owner)}/${String(p.repo)}`);
    };
    const record = (method: string, params: Record<string, unknown>) => this.calls.push({ method, params });
    return {
      rest: {
        pulls: {
          list: (p: Record<string, unknown>) =>
            settle(() => {
              record('pulls.list', p);
              checkRepo(p);
              need('pull-requests', 'read', 'pulls.list');
              let data = this.pulls.filter((x) => (p.state ?? 'open') === 'all' || x.state === (p.state ?? 'open'));
              if (typeof p.head === 'string') {
                const [user, ref] = p.head.split(':');
                data = data.filter((x) => x.head.repo.owner.login === user && x.head.ref === ref);
              }
              return { data: structuredClone(data) };
            }),
          get: (p: Record<string, unknown>) =>
            settle(() => {
              record('pulls.get', p);
              checkRepo(p);
              need('pull-requests', 'read', 'pulls.get');
              const pr = this.pulls.find((x) => x.number === p.pull_number);
              if (!pr) throw Object.assign(new Error('Not Found'), { status: 404 });
              return { data: structuredClone(pr) };
            }),
        },
        issues: {
          listComments: (p: Record<string, unknown>) =>
            settle(() => {
              record('issues.listComments', p);
              checkRepo(p);
              need('pull-requests', 'read', 'issues.listComments');
              return { data: structuredClone(this.commentsOn(p.issue_number as number)) };
            }),
          createComment: (p: Record<string, unknown>) =>
            settle(() => {
              record('issues.createComment', p);
              checkRepo(p);
              need('pull-requests', 'write', 'issues.createComment');
              const body = String(p.body);
              if (body.length > 65536)
                throw Object.assign(new Error('Validation Failed: body is too long (maximum is 65536 characters)'), {
                  status: 422,
                });
              return { data: this.addComment(p.issue_number as number, body, author) };
            }),
          updateComment: (p: Record<string, unknown>) =>
            settle(() => {
              record('issues.updateComment', p);
              checkRepo(p);
              need('pull-requests', 'write', 'issues.updateComment');
              const body = String(p.body);
              if (body.length > 65536)
                throw Object.assign(new Error('Validation Failed: body is too long (maximum is 65536 characters)'), {
                  status: 422,
                });
              for (const list of this.comments.values()) {
                const c = list.find((x) => x.id === p.comment_id);
                if (c) {
                  if (c.user.login !== author)
                    throw Object.assign(new Error('Forbidden: not your comment'), { status: 403 });
                  c.body = body;
                  return { data: structuredClone(c) };
                }
              }
              throw Object.assign(new Error('Not Found'), { status: 404 });
            }),
          deleteComment: (p: Record<string, unknown>) =>
            settle(() => {
              record('issues.deleteComment', p);
              checkRepo(p);
              need('pull-requests', 'write', 'issues.deleteComment');
              for (const [issue, list] of this.comments) {
                const c = list.find((x) => x.id === p.comment_id);
                if (c) {
                  if (c.user.login !== author)
                    throw Object.assign(new Error('Forbidden: not your comment'), { status: 403 });
                  this.comments.set(
                    issue,
                    list.filter((x) => x !== c),
                  );
                  return { data: undefined };
                }
              }
              throw Object.assign(new Error('Not Found'), { status: 404 });
            }),
        },
      },
      /** octokit's paginate: every page's items (one page here). */
      async paginate(
        method: (p: Record<string, unknown>) => Promise<{ data: unknown }>,
        params: Record<string, unknown>,
      ) {
        const { data } = await method(params);
        return data;
      },
    };
  }
}

export type FakeOctokit = ReturnType<FakeGitHub['client']>;
