import fs from 'node:fs';

const HEADER = `# Benchmark results

Written by \`npm run bench\` (server/bench/run.ts). Each benchmark replaces only its own section, so one can be
re-run alone with \`BENCH_ONLY=users|month-end|search|analytics|sentry npm run bench\`.
`;

/** Replaces (or appends) one benchmark's section of RESULTS.md, between `<!-- name:start -->` and `<!-- name:end -->`. */
export function writeResultsSection(file: string, name: string, lines: string[]): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = [start, ...lines, end].join('\n');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + section + current.slice(to + end.length) : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
