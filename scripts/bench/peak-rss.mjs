// Preloaded (`node --import`) into each process the runtime benchmark starts: a parent
// cannot read a child's peak memory portably, so the child prints its own, when asked
// (SIGUSR2, once it is ready) and when it exits (a command that runs and stops).
// JavaScript, not TypeScript: it loads into the bundles too, where no TypeScript loader is.
const report = () =>
  process.stderr.write(`\nbench-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
process.on('SIGUSR2', report);
process.on('exit', report);
