// `npm run bench -- <name>`: runs scripts/bench/<name>.ts, which seeds, measures and prints.
// Benchmarks never fail on time; they print figures to compare between runs.
const BENCHES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  notify: () => import('./notify'),
};

const bench = process.argv[2];
if (!bench || !BENCHES[bench]) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(64);
}
await (await BENCHES[bench]()).run();

export {};
