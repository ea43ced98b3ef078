/**
 * The fake ARM of the fleet drift benchmark, in a process of its own (so that its memory and
 * work are not the benchmark's): generates the fleet of test/drift/fleet-mix.ts, serves it, and
 * sends `{ url, hashes, expected }` to its parent. argv: size, token, endpoints (comma-separated).
 */
import { startFakeFleetArm } from '../test/drift/fake-fleet-arm';
import { generateMix } from '../test/drift/fleet-mix';

async function main(): Promise<void> {
  const [size, token, endpoints] = process.argv.slice(2);
  const { fleet, expected, hashes } = generateMix(Number(size), endpoints.split(','));
  const arm = await startFakeFleetArm(fleet, { token, assignmentLists: () => 'paged' });
  process.send!({ url: arm.url, hashes, expected });
  process.on('disconnect', () => void arm.close().then(() => process.exit(0)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
