/**
 * Reads the props of the cdktf constructs with the TypeScript compiler API: for each class that
 * `constructs/cdktf/index.ts` exports with a `props` constructor parameter, the final property
 * list of its props type (aliases, `extends` and generics resolved by the checker), each property's
 * type as written (type parameters replaced by the construct's arguments), TSDoc summary and
 * `@default`; and the project types those props use, {@link NESTED_DEPTH} levels deep.
 */
import * as path from 'path';
import * as ts from 'typescript';

/** One property of a props type or of a nested type. */
export interface PropDoc {
  readonly name: string;
  /** The type as written in the declaration, with type parameters replaced. */
  readonly type: string;
  readonly required: boolean;
  /** The `@default` text, or undefined when the TSDoc has none. */
  readonly default?: string;
  /** The TSDoc summary on one line ('' when missing). */
  readonly summary: string;
  /** Names of constructs and types (documented in the same file) the property's type uses. */
  readonly see: readonly string[];
  /** Where the property is declared: `src/jea/props.ts:14`. */
  readonly declared: string;
  /** The entries of an anonymous object type (`{ ... }` or `{ ... }[]`), shown as a sub-table. */
  readonly entries?: readonly PropDoc[];
}

/** A project type used by construct props: a table of properties, or the variants of a union. */
export interface TypeDoc {
  /** The exported alias name when there is one (`BlobDelivery`), else the type as TypeScript names it. */
  readonly name: string;
  readonly summary: string;
  /** Where it is declared, relative to the repository root. */
  readonly file: string;
  readonly props?: readonly PropDoc[];
  /** The members of a union, written out. */
  readonly variants?: readonly string[];
}

/** One construct class and its props. */
export interface ConstructDoc {
  readonly name: string;
  /** The first sentence of the class TSDoc. */
  readonly summary: string;
  /** The class's file, relative to the repository root. */
  readonly file: string;
  /** The props parameter's type as written (`JeaModuleProps`). */
  readonly propsType: string;
  readonly props: readonly PropDoc[];
}

/** Everything docs/constructs.md is generated from. */
export interface ConstructsModel {
  readonly constructs: readonly ConstructDoc[];
  /** The nested project types, by name. */
  readonly types: readonly TypeDoc[];
}

/**
 * How deep nested project types are documented: 1 documents the types construct props use, 2
 * also the types those use (`AclEntry` -> `AclRight`); deeper ones are named, not expanded.
 */
export const NESTED_DEPTH = 2;

/** Reads the constructs of `<root>/<index>` (default `constructs/cdktf/index.ts`). */
export function readConstructs(root: string, index = 'constructs/cdktf/index.ts'): ConstructsModel {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error(`cannot read ${path.join(root, 'tsconfig.json')}`);
  // Only the index and what it imports; no ambient @types, which the props do not use.
  const program = ts.createProgram([path.join(root, index)], { ...config.options, noEmit: true, types: [] });
  return new Reader(program, root).read(program.getSourceFile(path.join(root, index))!);
}

class Reader {
  private readonly checker: ts.TypeChecker;
  /** Exported type aliases of the index by their declared type (`BlobDeliveryOf<string>` -> BlobDelivery). */
  private readonly aliasOf = new Map<ts.Type, string>();
  /** Exported construct classes by their instance type. */
  private readonly classOf = new Map<ts.Type, string>();
  /** Exported type aliases by the text they stand for, for types as written. */
  private readonly aliasByText = new Map<string, string>();
  private readonly types = new Map<string, TypeDoc>();

  constructor(
    program: ts.Program,
    private readonly root: string,
  ) {
    this.checker = program.getTypeChecker();
  }

  read(index: ts.SourceFile): ConstructsModel {
    const exported = this.checker
      .getExportsOfModule(this.checker.getSymbolAtLocation(index)!)
      .map((s) => (s.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(s) : s));
    for (const s of exported) {
      if (s.flags & ts.SymbolFlags.Class) this.classOf.set(this.checker.getDeclaredTypeOfSymbol(s), s.name);
      const alias = s.declarations?.find(ts.isTypeAliasDeclaration);
      if (alias) {
        this.aliasOf.set(this.checker.getDeclaredTypeOfSymbol(s), s.name);
        this.aliasByText.set(squash(alias.type.getText()), s.name);
      }
    }
    const constructs: ConstructDoc[] = [];
    for (const s of exported) {
      const cls = s.declarations?.find(ts.isClassDeclaration);
      const param = cls?.members
        .find(ts.isConstructorDeclaration)
        ?.parameters.find((p) => p.name.getText() === 'props');
      if (!cls || !param?.type) continue;
      const type = this.checker.getTypeAtLocation(param);
      constructs.push({
        name: s.name,
        summary: firstSentence(this.summary(s)),
        file: this.relative(cls),
        propsType: param.type.getText(),
        props: this.props(type, NESTED_DEPTH),
      });
    }
    return {
      constructs,
      types: [...this.types.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
  }

  /** The properties of an object type, in declaration order (own before inherited). */
  private props(type: ts.Type, depth: number, outer = new Map<string, string>()): PropDoc[] {
    const params = new Map([...outer, ...this.typeArguments(type)]);
    return this.checker.getPropertiesOfType(type).map((p) => {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const propType = this.checker.getNonNullableType(this.checker.getTypeOfSymbol(p));
      const tag = p.getJsDocTags(this.checker).find((t) => t.name === 'default');
      const element = this.elementType(propType);
      const anonymous =
        depth > 0 &&
        element.symbol?.name === '__type' &&
        !element.aliasSymbol &&
        !!(element.flags & ts.TypeFlags.Object);
      return {
        name: p.name,
        type: this.written(decl, propType, params),
        required: !(p.flags & ts.SymbolFlags.Optional),
        ...(tag ? { default: squash(ts.displayPartsToString(tag.text)) } : {}),
        summary: this.summary(p),
        see: this.see(element, this.aliasesIn(decl), depth),
        declared: decl
          ? `${this.relative(decl)}:${decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1}`
          : '',
        ...(anonymous ? { entries: this.props(element, depth, params) } : {}),
      };
    });
  }

  /**
   * The constructs and project types a property type names (the renderer links those that are
   * documented); with `depth` > 0 the project types are documented. `aliases` are the type
   * aliases the declaration names, whose alias the checker may have dropped (see {@link aliasesIn}).
   */
  private see(type: ts.Type, aliases: readonly ts.Symbol[], depth: number): string[] {
    const members = type.flags & ts.TypeFlags.Union && !type.aliasSymbol ? (type as ts.UnionType).types : [type];
    const names: string[] = [];
    for (const m of members.map((t) => this.elementType(t))) {
      const cls = this.classOf.get(m);
      if (cls) names.push(cls);
      else if (this.isProjectType(m)) names.push(depth > 0 ? this.document(m, depth) : this.nameOf(m));
    }
    for (const a of aliases)
      names.push(depth > 0 ? this.document(this.checker.getDeclaredTypeOfSymbol(a), depth, a) : a.name);
    return [...new Set(names)];
  }

  /**
   * The non-generic project type aliases a property's declared type names (`SessionType`): the
   * checker drops the alias of an optional property's type when it removes `undefined`, and
   * never has one for an alias of an indexed access (`(typeof SESSION_TYPES)[number]`).
   */
  private aliasesIn(decl: ts.Declaration | undefined): ts.Symbol[] {
    const found: ts.Symbol[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isTypeReferenceNode(n)) {
        let symbol = this.checker.getSymbolAtLocation(n.typeName);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        const alias = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
        if (symbol && alias && !alias.typeParameters && !alias.getSourceFile().fileName.includes('/node_modules/'))
          found.push(symbol);
      }
      n.forEachChild(visit);
    };
    if (decl && ts.isPropertySignature(decl) && decl.type) visit(decl.type);
    return found;
  }

  /** The exported alias name of a type (`BlobDelivery`), else the type as TypeScript writes it. */
  private nameOf(type: ts.Type): string {
    const text = this.checker.typeToString(type);
    return this.aliasOf.get(type) ?? this.aliasByText.get(text) ?? text;
  }

  /** Adds a project type to the documented types (its properties' types one level less deep). */
  private document(type: ts.Type, depth: number, alias?: ts.Symbol): string {
    const name = alias?.name ?? this.nameOf(type);
    if (this.types.has(name)) return name;
    // An exported alias of a generic interface (BlobDelivery) is described by the interface.
    const symbol = alias ?? type.aliasSymbol ?? type.symbol;
    const decl = symbol.declarations![0];
    const doc: { -readonly [K in keyof TypeDoc]: TypeDoc[K] } = {
      name,
      summary: this.summary(symbol),
      file: this.relative(decl),
    };
    this.types.set(name, doc);
    if (type.flags & ts.TypeFlags.Union) {
      const members = (type as ts.UnionType).types;
      const node = ts.isTypeAliasDeclaration(decl) && ts.isUnionTypeNode(decl.type) ? decl.type : undefined;
      const literals = members.every((m) => m.isLiteral() || m.flags & ts.TypeFlags.BooleanLiteral);
      doc.variants =
        node && !literals
          ? node.types.map((t) => squash(t.getText()))
          : members.map((m) => (m.isStringLiteral() ? `'${m.value}'` : this.checker.typeToString(m)));
      for (const m of members) if (m.symbol?.name !== '__type' && this.isProjectType(m)) this.document(m, depth);
    } else {
      doc.props = this.props(type, depth - 1);
    }
    return name;
  }

  /** An object or union type declared in the project (not in a library), worth its own table. */
  private isProjectType(type: ts.Type): boolean {
    const symbol = type.aliasSymbol ?? type.symbol;
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    if (!file || file.includes('/node_modules/') || !(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Union)))
      return false;
    if (!type.aliasSymbol && symbol.flags & ts.SymbolFlags.Class) return false;
    return symbol.name !== '__type' || !!type.aliasSymbol;
  }

  /** The element type of an array, or the type itself. */
  private elementType(type: ts.Type): ts.Type {
    return this.checker.isArrayType(type) ? this.checker.getTypeArguments(type as ts.TypeReference)[0] : type;
  }

  /** Type parameter name -> argument as written, for an instantiated generic interface. */
  private typeArguments(type: ts.Type): Map<string, string> {
    const map = new Map<string, string>();
    const target = (type as ts.TypeReference).target;
    if (!target?.typeParameters) return map;
    this.checker
      .getTypeArguments(type as ts.TypeReference)
      .forEach((arg, i) => map.set(target.typeParameters![i].symbol.name, this.nameOf(arg)));
    return map;
  }

  /** A property's type as written, type parameters replaced, exported aliases used by name. */
  private written(decl: ts.Declaration | undefined, type: ts.Type, params: Map<string, string>): string {
    const node = decl && ts.isPropertySignature(decl) ? decl.type : undefined;
    if (!node) return this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    const text = node.getSourceFile().text;
    let unresolved = false;
    // The text between child nodes holds tokens and trivia; TSDoc of members is dropped.
    const between = (from: number, to: number) => text.slice(from, to).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const print = (n: ts.Node): string => {
      if (ts.isTypeReferenceNode(n)) {
        const name = n.typeName.getText();
        const symbol = this.checker.getSymbolAtLocation(n.typeName);
        if (symbol && symbol.flags & ts.SymbolFlags.TypeParameter && !params.has(name)) unresolved = true;
        const own = params.get(name) ?? (n.typeArguments ? `${name}<${n.typeArguments.map(print).join(', ')}>` : name);
        return this.aliasByText.get(own) ?? own;
      }
      let out = '';
      let pos = n.getStart();
      n.forEachChild((child) => {
        out += between(pos, child.getStart()) + print(child);
        pos = child.getEnd();
      });
      return out + between(pos, n.getEnd());
    };
    const printed = squash(print(node));
    return unresolved ? this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation) : printed;
  }

  /** The TSDoc summary (text before the block tags) on one line. */
  private summary(symbol: ts.Symbol): string {
    return squash(ts.displayPartsToString(symbol.getDocumentationComment(this.checker)));
  }

  private relative(node: ts.Node): string {
    return path.relative(this.root, node.getSourceFile().fileName).split(path.sep).join('/');
  }
}

/** Whitespace collapsed to single spaces. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first sentence: up to a `.` outside code spans and parentheses that ends the text or precedes a capital. */
export function firstSentence(text: string): string {
  let depth = 0;
  let code = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') code = !code;
    else if (!code && c === '(') depth++;
    else if (!code && c === ')') depth--;
    else if (!code && depth === 0 && c === '.' && (i === text.length - 1 || /^\s+[A-Z`]/.test(text.slice(i + 1))))
      return text.slice(0, i + 1);
  }
  return text;
}
