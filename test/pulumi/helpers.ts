import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setPolicyNameResolver } from '../../constructs/pulumi/policy-name';
import { filesUnder } from '../helpers/files';
import { blobUrl, fakePolicyName } from './asks/ask';

export { filesUnder };

/** A resource the mocked engine was asked to register. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
}

/** Output-only properties the mocked providers return, as the real ones would. */
function mockOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === 'azuread:index/group:Group') return { objectId: `${name}-object-id` };
  if (type === 'azure-native:storage:Blob')
    return { url: blobUrl(inputs.accountName, inputs.containerName, inputs.blobName) };
  // a policy assignment's system-assigned identity gets its principal when created
  if (type === 'azure-native:authorization:PolicyAssignment' && inputs.identity)
    return { identity: { ...inputs.identity, principalId: `${name}-principal-id` } };
  return {};
}

/**
 * Sets Pulumi's mocks (outside a stack: project 'project', stack 'stack', not a preview): every
 * resource gets `<name>-id` as its id and its inputs (plus mockOutputs) as state; calls return
 * their inputs. Role management policy names come from {@link fakePolicyName} instead of ARM.
 * Returns the list that fills as resources register.
 */
export function useMocks(): Registered[] {
  setPolicyNameResolver((scope, roleDefinitionId) => Promise.resolve(fakePolicyName(scope, roleDefinitionId)));
  const registered: Registered[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs: args.inputs });
        return {
          id: args.custom ? `${args.name}-id` : undefined,
          state: { ...args.inputs, ...mockOutputs(args.type, args.name, args.inputs) },
        };
      },
      call: (args) => args.inputs,
    },
    'project',
    'stack',
    false,
  );
  return registered;
}

/** Resolves when the list of registered resources stops growing (the mocked engine is async). */
export async function settle(registered: readonly Registered[]): Promise<void> {
  let last = -1;
  let still = 0;
  while (still < 5) {
    await new Promise((r) => setTimeout(r, 5));
    still = registered.length === last ? still + 1 : 0;
    last = registered.length;
  }
}

/** The value of an Output (known under mocks). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Synthesizes a cdktf stack into a fresh folder; returns the stack's folder. */
export function synthCdktf(declare: (app: App) => Construct, stackName: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-cdktf-'));
  const app = new App({ outdir });
  declare(app);
  app.synth();
  return path.join(outdir, 'stacks', stackName);
}
