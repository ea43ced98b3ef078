import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaEstate } from '../../examples/estate';
import { DeclaredEstate, loadDeclared } from '../../src/drift/declared';

let outdir: string | undefined;

/** Synthesizes the example estate once per test file (as `npm start` does) and returns its folder. */
export function synthEstate(): string {
  if (!outdir) {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-drift-'));
    const app = new App({ outdir });
    new JeaEstate(app, 'contoso');
    app.synth();
  }
  return outdir;
}

/** The example estate as drift reads it. */
export function estate(): DeclaredEstate {
  return loadDeclared(synthEstate());
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'jeajit-drift-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A deep copy of a JSON value, to edit. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** A value with every readonly removed, to edit copies of snapshots in tests. */
export type Mutable<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends ReadonlyArray<infer U>
    ? Mutable<U>[]
    : { -readonly [K in keyof T]: Mutable<T[K]> };

/** A deep copy of a value that tests may edit. */
export function editable<T>(value: T): Mutable<T> {
  return clone(value) as Mutable<T>;
}
