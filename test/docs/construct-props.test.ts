import { createTwoFilesPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { constructPropsMarkdown, OUTPUT, REGENERATE, ROOT } from '../../scripts/docs/construct-props';
import { firstSentence } from '../../scripts/docs/props-model';

// docs/constructs.md is generated from the TSDoc of the construct props: a props change without
// regenerating it fails here, with the diff and the command that regenerates it.
describe('docs/constructs.md', () => {
  it('is what the TSDoc of the construct props generates', () => {
    const generated = constructPropsMarkdown();
    const current = fs.readFileSync(path.join(ROOT, OUTPUT), 'utf8');
    if (current !== generated) {
      throw new Error(
        `${OUTPUT} is stale; regenerate it with: ${REGENERATE}\n${createTwoFilesPatch(OUTPUT, `${OUTPUT} (generated)`, current, generated)}`,
      );
    }
  });

  it('documents every construct that constructs/cdktf exports with props', () => {
    const markdown = fs.readFileSync(path.join(ROOT, OUTPUT), 'utf8');
    for (const name of [
      'RoleCapability',
      'JeaModule',
      'EndpointAcl',
      'SessionConfiguration',
      'JeaVmDeployment',
      'VmJitAccessPolicy',
      'PimRoleEligibility',
      'JitGroupEligibility',
      'JitLocalAdmin',
      'JeaChecks',
      'GeneratedFile',
    ]) {
      expect(markdown).toContain(`\n## ${name}\n`);
    }
    expect(markdown).toContain("| `sessionType` | `SessionType` | no | 'RestrictedRemoteServer' |");
  });
});

describe('firstSentence', () => {
  it('stops at the first period outside code spans and parentheses', () => {
    expect(firstSentence('A file `a.b. C` here (see x. Y). Then more.')).toBe('A file `a.b. C` here (see x. Y).');
    expect(firstSentence('No period at the end')).toBe('No period at the end');
  });
});
