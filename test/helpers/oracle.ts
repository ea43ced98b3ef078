import * as fs from 'fs';
import { Language, Node, Parser } from 'web-tree-sitter';

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
  // tree-sitter's lexer takes NUL for the end of input (PowerShell's tokenizer only stops at NUL
  // at the real end of the text), so NUL is shown to it as U+FFFD: it has no syntactic role.
  const tree = (await powershellOracle()).parse(text.replace(/\0/g, '\ufffd'));
  if (!tree) return 'no tree';
  const root = tree.rootNode;
  if (!root.hasError) return undefined;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if ((node.type === 'ERROR' || node.isMissing) && !isEmptyBlockQuirk(node)) {
      return `${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.type} ${JSON.stringify(node.text.slice(0, 60))}`;
    }
    for (let i = node.childCount - 1; i >= 0; i--) stack.push(node.child(i)!);
  }
  return undefined; // only the empty-block quirk below
}

/**
 * The grammar gives a script block with an empty body (`{}`, `{ }`, `{ # note }`) a zero-width
 * MISSING ';' in an empty_statement; PowerShell accepts such blocks, so that one node is not an error.
 */
function isEmptyBlockQuirk(node: Node): boolean {
  if (!node.isMissing || node.type !== ';' || node.parent?.type !== 'empty_statement') return false;
  const list = node.parent.parent;
  if (list?.type !== 'statement_list' || list.parent?.type !== 'script_block_body') return false;
  return list.namedChildren.every((child) => child?.type === 'empty_statement' || child?.type === 'comment');
}
