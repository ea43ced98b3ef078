import { ValidationError } from '../../src/jea/issues';

/** The lines of the ValidationError `fn` throws, or [] when it does not throw; other errors propagate. */
export function issueLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.message.split('\n');
    throw e;
  }
  return [];
}
