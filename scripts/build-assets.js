// Copies the data files the built code reads at run time into dist/ (tsc copies only code).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const ASSETS = ['src/catalog/commands.json'];
for (const asset of ASSETS) {
  const to = path.join(root, 'dist', asset);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(root, asset), to);
}
