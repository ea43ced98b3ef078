import * as fs from 'fs';
import * as path from 'path';

/** This package's root: the nearest folder above this module with a package.json (from src/ and from dist/). */
export function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir))
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  return __dirname;
}

/** This package's version (its package.json's). */
export function packageVersion(): string {
  const file = path.join(packageRoot(), 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : '0.0.0';
}
