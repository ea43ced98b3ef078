/**
 * A local runner for the example workflows: runs one job of a workflow file the way a GitHub-hosted
 * Linux runner does, on this machine, without network. `run:` steps are executed with bash, in
 * order, with the runner's environment (GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_ENV,
 * GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH, RUNNER_TEMP, ...), `if:` conditions, `env:` at every level,
 * `working-directory`, `continue-on-error` and step outputs. `uses:` steps run fakes of the pinned
 * actions that do what the workflows rely on:
 *
 * - actions/checkout: a git fetch of the commit (and, with fetch-depth: 0, every branch) from a
 *   local repository standing in for GitHub, detached, into `path`; refuses a fork's commit on
 *   workflow_run as v7 does.
 * - actions/setup-node: the Node running the tests; fails, as the action does, when `cache` is set
 *   and the cache-dependency-path does not exist.
 * - actions/upload-artifact / download-artifact: a folder per run and name (hidden files left out,
 *   as upload-artifact does by default); another run's artifact needs `github-token` and `run-id`.
 * - actions/github-script: the script, as an async function, with a fake octokit (fake-github.ts)
 *   holding the job token's permissions, the event as `context`, and `core`.
 * - github/codeql-action/upload-sarif: records what would be uploaded, with the commit resolved as
 *   the action resolves it (a git checkout at checkout_path wins over `sha`).
 *
 * Every input of a fake is checked against the action's action.yml inputs at the pinned version, so
 * a misspelled input fails here as the workflow validation cannot see it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { parse } from 'yaml';
import { asString, condition, interpolate, JobStatus } from './expressions';
import { FakeGitHub, Permissions } from './fake-github';

/** The inputs each action declares in its action.yml at the pinned version. */
export const ACTION_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'actions/checkout': [
    'repository',
    'ref',
    'token',
    'ssh-key',
    'ssh-known-hosts',
    'ssh-strict',
    'ssh-user',
    'persist-credentials',
    'path',
    'clean',
    'filter',
    'sparse-checkout',
    'sparse-checkout-cone-mode',
    'fetch-depth',
    'fetch-tags',
    'show-progress',
    'lfs',
    'submodules',
    'set-safe-directory',
    'github-server-url',
    'allow-unsafe-pr-checkout',
  ],
  'actions/setup-node': [
    'node-version',
    'node-version-file',
    'architecture',
    'check-latest',
    'registry-url',
    'scope',
    'token',
    'cache',
    'package-manager-cache',
    'cache-dependency-path',
    'mirror',
    'mirror-token',
  ],
  'actions/upload-artifact': [
    'name',
    'path',
    'if-no-files-found',
    'retention-days',
    'compression-level',
    'overwrite',
    'include-hidden-files',
    'archive',
  ],
  'actions/download-artifact': [
    'name',
    'artifact-ids',
    'path',
    'pattern',
    'merge-multiple',
    'github-token',
    'repository',
    'run-id',
    'skip-decompress',
    'digest-mismatch',
  ],
  'actions/github-script': [
    'script',
    'github-token',
    'debug',
    'user-agent',
    'previews',
    'result-encoding',
    'retries',
    'retry-exempt-status-codes',
    'base-url',
  ],
  'github/codeql-action/upload-sarif': [
    'sarif_file',
    'checkout_path',
    'ref',
    'sha',
    'token',
    'matrix',
    'category',
    'wait-for-processing',
  ],
};

/** The event that starts the run. `sha`/`ref` are GITHUB_SHA/GITHUB_REF as GitHub sets them for it. */
export interface WorkflowEvent {
  readonly name: 'pull_request' | 'push' | 'workflow_run';
  readonly payload: Record<string, unknown>;
  readonly sha: string;
  readonly ref: string;
}

/** What stands in for GitHub around the runs. */
export interface Site {
  /** owner/name of the repository the workflows run in. */
  readonly repository: string;
  /** A local git repository standing in for that repository on GitHub. */
  readonly origin: string;
  /** Where artifacts are kept: <artifacts>/<run id>/<name>/. */
  readonly artifacts: string;
  readonly github: FakeGitHub;
  /** The machine's environment (PATH, HOME, ...): the runner adds its own variables. */
  readonly env: NodeJS.ProcessEnv;
  /** A folder for the jobs' workspaces and temp folders. */
  readonly root: string;
}

export interface SarifUpload {
  readonly sarif: { runs: unknown[] };
  readonly ref: string;
  /** The commit the upload is for, as upload-sarif resolves it. */
  readonly sha: string;
  readonly category?: string;
}

export interface StepResult {
  readonly name: string;
  readonly id?: string;
  readonly outcome: 'success' | 'failure' | 'skipped';
  readonly outputs: Record<string, string>;
  readonly log: string;
}

export interface JobResult {
  readonly conclusion: 'success' | 'failure' | 'skipped';
  readonly steps: readonly StepResult[];
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly summary: string;
  readonly sarifUploads: readonly SarifUpload[];
  /** Every step's output, for a failing test's message. */
  readonly log: string;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FULL_PERMISSIONS = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
];

/** The job token's permissions: the job's, else the workflow's; a fork's pull_request run only reads. */
function tokenPermissions(workflow: Json, job: Json, event: WorkflowEvent, repository: string): Permissions {
  const declared = job.permissions ?? workflow.permissions;
  let perms: Record<string, 'read' | 'write' | 'none'>;
  if (declared === undefined || declared === 'write-all')
    perms = Object.fromEntries(FULL_PERMISSIONS.map((p) => [p, 'write' as const]));
  else if (declared === 'read-all') perms = Object.fromEntries(FULL_PERMISSIONS.map((p) => [p, 'read' as const]));
  else perms = { ...declared };
  const headRepo = (event.payload.pull_request as Json | undefined)?.head?.repo?.full_name;
  if (event.name === 'pull_request' && headRepo && headRepo !== repository) {
    for (const k of Object.keys(perms)) if (perms[k] === 'write') perms[k] = 'read';
  }
  return perms;
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} (in ${cwd}): ${r.stderr}`);
  return r.stdout.trim();
}

/** GITHUB_OUTPUT / GITHUB_ENV file format: name=value lines and name<<DELIMITER blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc && !line.includes('=')) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq < 0) throw new Error(`not a command file line: ${line}`);
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** The machine's environment without what an enclosing npm or runner set. */
function machineEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || /^(npm_|GITHUB_|RUNNER_|ACTIONS_|INIT_CWD$|JEST_WORKER_ID$)/i.test(k)) continue;
    out[k] = v;
  }
  return out;
}

function copyTree(from: string, to: string, includeHidden: boolean): number {
  let files = 0;
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (!includeHidden && e.name.startsWith('.')) continue;
    const src = path.join(from, e.name);
    if (e.isDirectory()) files += copyTree(src, path.join(to, e.name), includeHidden);
    else {
      fs.copyFileSync(src, path.join(to, e.name));
      files++;
    }
  }
  return files;
}

/** Runs one job of a workflow file for an event; `runId` names the run (its artifacts, its URL). */
export async function runJob(
  workflowFile: string,
  jobId: string,
  event: WorkflowEvent,
  runId: number,
  site: Site,
): Promise<JobResult> {
  const workflow = parse(fs.readFileSync(workflowFile, 'utf8')) as Json;
  const job = workflow.jobs?.[jobId] as Json | undefined;
  if (!job) throw new Error(`${workflowFile}: no job ${jobId}`);
  const [owner, repo] = site.repository.split('/');
  const jobRoot = fs.mkdtempSync(path.join(site.root, `${jobId}-${runId}-`));
  const workspace = path.join(jobRoot, 'work', repo, repo);
  const runnerTemp = path.join(jobRoot, 'work', '_temp');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(runnerTemp, { recursive: true });
  const eventPath = path.join(jobRoot, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify(event.payload));
  const summaryFile = path.join(runnerTemp, '_step_summary');
  fs.writeFileSync(summaryFile, '');
  const permissions = tokenPermissions(workflow, job, event, site.repository);
  const pr = event.payload.pull_request as Json | undefined;

  const github = {
    event_name: event.name,
    event: event.payload,
    sha: event.sha,
    ref: event.ref,
    ref_name: event.ref.replace(/^refs\/(heads|tags)\//, ''),
    base_ref: pr?.base?.ref ?? '',
    head_ref: pr?.head?.ref ?? '',
    repository: site.repository,
    repository_owner: owner,
    run_id: String(runId),
    run_number: '1',
    run_attempt: '1',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    workspace,
    workflow: workflow.name,
    job: jobId,
    actor: 'octocat',
    token: 'ghs_fake',
  };
  const runner = {
    temp: runnerTemp,
    os: 'Linux',
    arch: 'X64',
    name: 'local',
    tool_cache: path.join(jobRoot, 'tool-cache'),
  };
  const runnerEnv: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: event.sha,
    GITHUB_REF: event.ref,
    GITHUB_REF_NAME: github.ref_name,
    GITHUB_BASE_REF: github.base_ref,
    GITHUB_HEAD_REF: github.head_ref,
    GITHUB_REPOSITORY: site.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_API_URL: github.api_url,
    GITHUB_WORKFLOW: String(workflow.name),
    GITHUB_JOB: jobId,
    GITHUB_ACTOR: 'octocat',
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TOOL_CACHE: runner.tool_cache,
  };

  const status: JobStatus & { failed: boolean } = { failed: false };
  const stepsCtx: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const results: StepResult[] = [];
  const uploads: SarifUpload[] = [];
  let log = '';
  let addedEnv: Record<string, string> = {};
  const contexts = (env: Record<string, string>) => ({
    github,
    runner,
    steps: stepsCtx,
    env,
    job: { status: status.failed ? 'failure' : 'success' },
    matrix: {},
    strategy: {},
    needs: {},
    vars: {},
    inputs: {},
    secrets: { GITHUB_TOKEN: github.token },
  });

  const baseContexts = {
    github,
    needs: {},
    vars: {},
    inputs: {},
    matrix: {},
    strategy: {},
    secrets: { GITHUB_TOKEN: github.token },
  };
  if (job.if !== undefined && !condition(job.if, baseContexts, { failed: false })) {
    return {
      conclusion: 'skipped',
      steps: [],
      workspace,
      runnerTemp,
      summary: '',
      sarifUploads: [],
      log: `job ${jobId} skipped (if: ${job.if})`,
    };
  }
  const workflowEnv = Object.fromEntries(
    Object.entries((workflow.env ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      interpolate(asString(v), baseContexts),
    ]),
  );
  const jobEnv = {
    ...workflowEnv,
    ...Object.fromEntries(
      Object.entries((job.env ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        interpolate(asString(v), { ...baseContexts, env: workflowEnv }),
      ]),
    ),
  };
  const shell = job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;

  for (const [index, step] of (job.steps as Json[]).entries()) {
    const name = step.name ?? step.uses ?? `run ${index + 1}`;
    const envNow = { ...jobEnv, ...addedEnv };
    if (!condition(step.if, contexts(envNow), status)) {
      results.push({ name, id: step.id, outcome: 'skipped', outputs: {}, log: '' });
      if (step.id) stepsCtx[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const stepEnv: Record<string, string> = { ...envNow };
    for (const [k, v] of Object.entries((step.env ?? {}) as Record<string, unknown>))
      stepEnv[k] = interpolate(asString(v), contexts(envNow), status);
    const env: Record<string, string> = { ...machineEnv(site.env), ...runnerEnv, ...stepEnv };
    let outputs: Record<string, string> = {};
    let ok = true;
    let stepLog = '';
    const started = Date.now();
    if (step.run !== undefined) {
      const outFile = path.join(runnerTemp, `_output_${index}`);
      const envFile = path.join(runnerTemp, `_env_${index}`);
      fs.writeFileSync(outFile, '');
      fs.writeFileSync(envFile, '');
      const script = path.join(runnerTemp, `_step_${index}.sh`);
      fs.writeFileSync(script, interpolate(String(step.run), contexts(stepEnv), status));
      const stepShell = step.shell ?? shell;
      const argv =
        stepShell === 'bash'
          ? ['--noprofile', '--norc', '-eo', 'pipefail', script]
          : stepShell === undefined
            ? ['-e', script]
            : null;
      if (!argv) throw new Error(`${name}: shell ${stepShell} is not simulated`);
      const cwd = step['working-directory']
        ? path.resolve(workspace, interpolate(step['working-directory'], contexts(stepEnv), status))
        : workspace;
      const r = spawnSync('bash', argv, {
        cwd,
        env: { ...env, GITHUB_OUTPUT: outFile, GITHUB_ENV: envFile },
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      stepLog = `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`;
      ok = r.status === 0;
      if (!ok) stepLog += `\n(exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`;
      outputs = parseCommandFile(fs.readFileSync(outFile, 'utf8'));
      addedEnv = { ...addedEnv, ...parseCommandFile(fs.readFileSync(envFile, 'utf8')) };
    } else if (step.uses !== undefined) {
      const uses = String(step.uses);
      const action = uses.replace(/@.*$/, '');
      const inputs: Record<string, string> = {};
      for (const [k, v] of Object.entries((step.with ?? {}) as Record<string, unknown>))
        inputs[k] = interpolate(asString(v), contexts(stepEnv), status);
      try {
        const known = ACTION_INPUTS[action];
        if (!known) throw new Error(`${uses}: no fake for this action`);
        for (const k of Object.keys(inputs)) if (!known.includes(k)) throw new Error(`${action} has no input '${k}'`);
        outputs = await fakeAction(action, inputs, env);
      } catch (e) {
        ok = false;
        stepLog = `${(e as Error).message}`;
      }
    } else {
      throw new Error(`${name}: neither run nor uses`);
    }
    log += `\n::: ${name} (${ok ? 'success' : 'failure'}, ${Date.now() - started} ms)\n${stepLog}`;
    const continueOnError = step['continue-on-error'] === true || step['continue-on-error'] === 'true';
    if (!ok && !continueOnError) status.failed = true;
    results.push({ name, id: step.id, outcome: ok ? 'success' : 'failure', outputs, log: stepLog });
    if (step.id)
      stepsCtx[step.id] = {
        outputs,
        outcome: ok ? 'success' : 'failure',
        conclusion: ok || continueOnError ? 'success' : 'failure',
      };
  }
  return {
    conclusion: status.failed ? 'failure' : 'success',
    steps: results,
    workspace,
    runnerTemp,
    summary: fs.readFileSync(summaryFile, 'utf8'),
    sarifUploads: uploads,
    log,
  };

  async function fakeAction(
    action: string,
    w: Record<string, string>,
    env: Record<string, string>,
  ): Promise<Record<string, string>> {
    switch (action) {
      case 'actions/checkout': {
        if (w.repository && w.repository !== site.repository)
          throw new Error('checkout of another repository is not simulated');
        const ref = w.ref || event.sha;
        const sha = git(site.origin, ['rev-parse', `${ref}^{commit}`]);
        if (event.name === 'workflow_run' && w.ref && w['allow-unsafe-pr-checkout'] !== 'true') {
          const run = event.payload.workflow_run as Json;
          if (run.head_repository?.full_name !== site.repository && sha === run.head_sha)
            throw new Error("Refusing to check out fork pull request code from a 'workflow_run' workflow");
        }
        const dir = path.resolve(workspace, w.path ?? '.');
        fs.mkdirSync(dir, { recursive: true });
        git(dir, ['init', '-q']);
        const depth = w['fetch-depth'] ?? '1';
        if (depth === '0') {
          git(dir, ['fetch', '-q', '--no-tags', `file://${site.origin}`, '+refs/heads/*:refs/remotes/origin/*']);
          git(dir, ['fetch', '-q', '--no-tags', `file://${site.origin}`, sha]);
        } else {
          git(dir, ['fetch', '-q', '--no-tags', `--depth=${depth}`, `file://${site.origin}`, sha]);
        }
        git(dir, ['checkout', '-q', '--detach', sha]);
        return { ref, commit: sha };
      }
      case 'actions/setup-node': {
        if (w.cache) {
          const lock = path.resolve(workspace, w['cache-dependency-path'] || 'package-lock.json');
          if (!fs.existsSync(lock))
            throw new Error('Some specified paths were not resolved, unable to cache dependencies.');
        }
        return { 'node-version': process.version, 'cache-hit': 'false' };
      }
      case 'actions/upload-artifact': {
        const name = w.name || 'artifact';
        const dest = path.join(site.artifacts, String(runId), name);
        if (fs.existsSync(dest) && w.overwrite !== 'true') throw new Error(`an artifact named ${name} already exists`);
        const src = path.resolve(workspace, w.path);
        const files = fs.existsSync(src) ? copyTree(src, dest, w['include-hidden-files'] === 'true') : 0;
        if (files === 0) {
          fs.rmSync(dest, { recursive: true, force: true });
          if ((w['if-no-files-found'] || 'warn') === 'error')
            throw new Error(`No files were found with the provided path: ${w.path}`);
          return {};
        }
        return { 'artifact-id': `${runId}-${name}` };
      }
      case 'actions/download-artifact': {
        let from = runId;
        if (w['run-id'] && w['github-token']) {
          from = Number(w['run-id']);
          if (from !== runId && !['read', 'write'].includes(permissions.actions ?? 'none'))
            throw new Error("Resource not accessible by integration (another run's artifacts need actions: read)");
        }
        const src = path.join(site.artifacts, String(from), w.name ?? '');
        if (!w.name || !fs.existsSync(src)) throw new Error(`Artifact not found for name: ${w.name}`);
        const dest = path.resolve(workspace, w.path || '.');
        copyTree(src, dest, true);
        return { 'download-path': dest };
      }
      case 'actions/github-script': {
        const outputs: Record<string, string> = {};
        let failed: string | undefined;
        const say = (s: unknown) => {
          log += `${String(s)}\n`;
        };
        const core = {
          setOutput: (k: string, v: unknown) => {
            outputs[k] = typeof v === 'string' ? v : JSON.stringify(v);
          },
          info: say,
          debug: say,
          notice: say,
          warning: say,
          error: say,
          setFailed: (m: unknown) => {
            failed = String(m);
          },
        };
        const context = {
          payload: event.payload,
          eventName: event.name,
          sha: event.sha,
          ref: event.ref,
          workflow: workflow.name,
          job: jobId,
          runId,
          runNumber: 1,
          actor: 'octocat',
          serverUrl: github.server_url,
          apiUrl: github.api_url,
          repo: { owner, repo },
        };
        const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
          ...args: string[]
        ) => (...a: unknown[]) => Promise<unknown>;
        const fn = new AsyncFunction('require', 'github', 'context', 'core', 'process', w.script);
        const result = await fn(
          createRequire(path.join(workspace, 'index.js')),
          site.github.client(permissions),
          context,
          core,
          { env, cwd: () => workspace },
        );
        if (failed) throw new Error(failed);
        outputs.result = result === undefined ? '' : JSON.stringify(result);
        return outputs;
      }
      case 'github/codeql-action/upload-sarif': {
        if (permissions['security-events'] !== 'write')
          throw new Error('Resource not accessible by integration (upload-sarif needs security-events: write)');
        if (!!w.ref !== !!w.sha) throw new Error("Both 'ref' and 'sha' are required if one of them is provided.");
        const ref = w.ref || env.GITHUB_REF;
        if (!/^refs\/(heads|pull|tags)\/.+/.test(ref))
          throw new Error(`${ref} does not match /^refs\\/(heads|pull|tags)\\/.*$/`);
        const file = path.resolve(workspace, w.sarif_file ?? '../results');
        const sarif = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (!Array.isArray(sarif.runs)) throw new Error(`${file}: not SARIF`);
        // as getCommitOid: git rev-parse HEAD at checkout_path when that works, else the sha input, else GITHUB_SHA
        const checkoutPath = path.resolve(workspace, w.checkout_path || workspace);
        const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: checkoutPath, encoding: 'utf8' });
        const sha = head.status === 0 ? head.stdout.trim() : w.sha || env.GITHUB_SHA;
        uploads.push({ sarif, ref, sha, ...(w.category ? { category: w.category } : {}) });
        return { 'sarif-id': `sarif-${uploads.length}` };
      }
      default:
        throw new Error(`${action}: no fake`);
    }
  }
}
