import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** JEA013: an endpoint without a TranscriptDirectory: no record of what users ran. */
export const JEA013: Rule = {
  id: 'JEA013',
  severity: 'warning',
  title: 'No transcript directory',
  help: 'Without TranscriptDirectory no over-the-shoulder transcript of JEA sessions is kept. Set it to a local folder only administrators can read, and collect it.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      if ((e.model?.transcriptDirectory ?? '').trim() !== '') continue;
      out.push(
        finding(
          e.source,
          ['TranscriptDirectory'],
          `endpoint '${e.name}' has no TranscriptDirectory, so sessions leave no transcript; set TranscriptDirectory = 'C:\\ProgramData\\JEA\\Transcripts' (readable by administrators only)`,
        ),
      );
    }
    return out;
  },
};
