import * as fs from 'fs';
import { Language, Parser } from 'web-tree-sitter';

let parser: Promise<Parser> | undefined;

/**
 * tree-sitter-powershell through web-tree-sitter: a second, independent PowerShell parser used
 * as an oracle. The grammar is loaded from bytes (Language.load with a path uses a dynamic
 * import that jest cannot run).
 */
export function powershellOracle(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = fs.readFileSync(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

/** The first ERROR or MISSING node of a tree-sitter parse, as `line:col type`, or undefined. */
export async function oracleError(text: string): Promise<string | undefined> {
  const tree = (await powershellOracle()).parse(text);
  if (!tree) return 'no tree';
  const root = tree.rootNode;
  if (!root.hasError) return undefined;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) {
      return `${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.type} ${JSON.stringify(node.text.slice(0, 60))}`;
    }
    for (let i = node.childCount - 1; i >= 0; i--) stack.push(node.child(i)!);
  }
  return 'error';
}
