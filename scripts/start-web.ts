import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnvOrExit, webEnvSchema } from '../lib/env';

// `npm run start:web`: the web server alone, for deployments that bring their own
// PostgreSQL and Redis and run the worker separately (`npm run start:worker`). It checks
// the environment first, so a missing variable is one clear line at deploy time rather
// than an error on the first request, then runs `next start` as if it were exec'd:
// signals go to it, and its exit code becomes ours.

const env = loadEnvOrExit(webEnvSchema);
const root = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error(
    '[vigil] There is no production build. Run `npm run build` first (or use `npm start`, which builds when needed).',
  );
  process.exit(1);
}

// HOST is optional here: behind a load balancer or in a container, next's default of all
// interfaces is what a deployment wants.
const args = [
  'start',
  '-p',
  String(env.PORT),
  ...(process.env.HOST ? ['-H', process.env.HOST] : []),
];
// The schema's defaults (AUTH_TRUST_HOST, PORT) must reach the server, not just our check.
const childEnv = {
  ...process.env,
  AUTH_TRUST_HOST: String(env.AUTH_TRUST_HOST),
  PORT: String(env.PORT),
  NEXT_TELEMETRY_DISABLED: '1',
};
const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), args, {
  cwd: root,
  stdio: 'inherit',
  env: childEnv,
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`[vigil] Could not run next: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  // The shell convention: killed by signal N exits with 128 + N.
  process.exit(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0));
});
