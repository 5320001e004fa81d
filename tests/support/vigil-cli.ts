import { spawn } from 'node:child_process';
import path from 'node:path';
import { runtimeBundle } from './runtime-bundle';

export type CliRun = { code: number | null; stdout: string; stderr: string };

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the built command line (what `npm run vigil` runs) as an administrator would. */
export function runVigil(args: string[], env: Record<string, string>, timeoutMs = 120_000) {
  const bundle = runtimeBundle('vigil');
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', bundle, ...args], {
      cwd: root,
      env: { ...process.env, VIGIL_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vigil ${args.join(' ')} did not finish in time\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
