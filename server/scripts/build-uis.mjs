// Builds the console and the portal when their sources are newer than their last build, so `npm start`
// is quick after the first time and never serves a stale UI.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

for (const ui of ['admin-ui', 'customer-portal']) {
  const dir = path.join(root, ui);
  const built = path.join(dir, 'dist', 'index.html');
  const sources = Math.max(newest(path.join(dir, 'src')), ...['index.html', 'vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(dir, f)).mtimeMs));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) {
    console.log(`${ui}: build is up to date`);
    continue;
  }
  console.log(`${ui}: building…`);
  execSync(`npm run build --workspace ${ui}`, { cwd: root, stdio: 'inherit' });
}
