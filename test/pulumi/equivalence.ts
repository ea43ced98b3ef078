/**
 * Cross-engine equivalence: each engine's resources mapped to what they ask of Azure (the ARM
 * request: method, resource path and body; a blob upload; for Entra ID, the azuread resource
 * they map to one to one), so that a cdktf synth (azurerm, cdk.tf.json) and a Pulumi program
 * (azure-native, under mocks) can be compared resource by resource although their schemas differ.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pulumiAsks } from './asks/pulumi';
import { terraformAsks } from './asks/terraform';
import { Registered } from './helpers';

/**
 * Checks that for every resource of the cdktf stack in `stackDir` the Pulumi program registered
 * exactly one resource of the same name asking Azure for the same thing, and no other.
 */
export async function expectSameAsks(registered: readonly Registered[], stackDir: string): Promise<void> {
  const cdkTfJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const expected = terraformAsks(cdkTfJson, stackDir);
  const actual = await pulumiAsks(registered);
  expect(actual.map((a) => [a.name, a.request])).toEqual(expected.map((e) => [e.name, e.request]));
  expect(expected.length).toBeGreaterThan(0);
  for (const [i, e] of expected.entries()) expect([e.name, actual[i].body]).toEqual([e.name, e.body]);
}
