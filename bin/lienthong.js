#!/usr/bin/env node
'use strict';
// The published entry point runs the compiled CLI. `npm ci` builds dist/ through the `prepare` script,
// so `npx lienthong <command>` works in a fresh clone right after install.
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error(
    'lienthong: the compiled CLI is missing (dist/). Run `npm ci` or `npm run build` in the project folder.',
  );
  process.exit(1);
}
require(entry);
