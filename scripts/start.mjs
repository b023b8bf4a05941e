#!/usr/bin/env node
// `npm start`, the README's first command: installs the dependencies when they are missing
// (plain Node, because tsx itself comes with them), then runs the demo (scripts/demo.ts)
// with the same arguments.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The build tools (wxt, vite) need Node 22; an older node fails later with a less clear error.
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 22) {
  console.error(
    `Detour needs Node 22 or newer; this is Node ${process.versions.node}. ` +
      'Install Node 22 LTS (for example `nvm install` in this folder, which reads .nvmrc) and run `npm start` again.',
  );
  process.exit(1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(join(root, 'node_modules', 'tsx', 'package.json'))) {
  console.log('Detour: installing dependencies first (npm ci)…');
  const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('Detour: `npm ci` failed; see above. The demo needs access to the npm registry.');
    process.exit(install.status ?? 1);
  }
}

const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const demo = spawn(process.execPath, [tsx, join(root, 'scripts', 'demo.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the demo too; wait for it to close the browser and the stand-in.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => demo.kill('SIGTERM'));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
