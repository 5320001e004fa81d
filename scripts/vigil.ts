import { runCli } from './cli/run';

// The administrator's command line: `npm run vigil -- <command>`; `npm run vigil -- --help` lists them.
const exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
// Exit now rather than wait on handles a library may leave open; pipes on stdout and
// stderr are written synchronously, so nothing printed is lost.
process.exit(exitCode);
