// Node module hook for validate-workflow.mjs: @actions/workflow-parser (ESM, built for bundlers)
// imports its schema as `import schema from "../workflow-v1.0.min.json"` without the
// `with { type: "json" }` attribute that Node requires; this adds it.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && !(context.importAttributes && context.importAttributes.type)) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
