export {};

// `npm run bench -- <name>`: each benchmark seeds its own data, measures and prints
// figures. None fails on a time; the numbers are for people to read and compare.
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  compliance: () => import('./compliance'),
  events: () => import('./events'),
  incidents: () => import('./incidents'),
  notify: () => import('./notify'),
  runtime: () => import('./runtime'),
  schedules: () => import('./schedules'),
};

const benchmark = process.argv[2];
const load = benchmark ? BENCHMARKS[benchmark] : undefined;
if (!load) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}>`);
  process.exit(2);
}
const { run } = await load();
await run();
