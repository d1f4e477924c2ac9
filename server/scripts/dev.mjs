// `npm run dev`: the API (restarting on change) and both UIs' Vite dev servers, which proxy /api to it.
import { spawn } from 'node:child_process';

const procs = [
  ['api', 'npm', ['run', 'dev', '--workspace', 'server']],
  ['admin', 'npm', ['run', 'dev', '--workspace', 'admin-ui']],
  ['portal', 'npm', ['run', 'dev', '--workspace', 'customer-portal']],
].map(([name, cmd, args]) => {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${l}`).join('\n') + '\n';
  child.stdout.on('data', (c) => process.stdout.write(prefix(c)));
  child.stderr.on('data', (c) => process.stderr.write(prefix(c)));
  child.on('exit', (code) => {
    console.log(`[${name}] exited with ${code}`);
    stop();
  });
  return child;
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const p of procs) if (p.exitCode === null) p.kill('SIGINT');
  setTimeout(() => process.exit(0), 15_000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
