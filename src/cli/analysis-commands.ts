import { Command } from 'commander';
import { addEffectiveCommand } from './effective-command';
import { addLintCommand } from './lint-command';

export { addDiffCommand } from './diff-command';

/** Adds `jeajit effective` and `jeajit lint`. */
export function addAnalysisCommands(program: Command): void {
  addEffectiveCommand(program);
  addLintCommand(program);
}
