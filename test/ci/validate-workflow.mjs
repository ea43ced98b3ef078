// Validates GitHub Actions workflow files with GitHub's own parser (@actions/workflow-parser, the
// one behind the Actions language service): the workflow schema (keys, value types, allowed
// values), expression syntax and the contexts each key may use. Prints one JSON line per file:
// { file, errors: [message], jobs: [id] }. Run by test/ci/workflow.test.ts (jest cannot load this
// ESM-only package in process).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';

register('./json-import-hooks.mjs', import.meta.url);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');

for (const file of process.argv.slice(2)) {
  const parsed = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  let jobs = [];
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) if (!errors.includes(e.Message)) errors.push(e.Message);
    jobs = (template.jobs ?? []).map((j) => (typeof j.id === 'string' ? j.id : j.id?.value));
  } else if (errors.length === 0) {
    errors.push('not a workflow');
  }
  process.stdout.write(JSON.stringify({ file, errors, jobs }) + '\n');
}
