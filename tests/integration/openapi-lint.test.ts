import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';

// The served document through Redocly's linter with the recommended rules (redocly.yaml):
// an error (an invalid schema, a dangling $ref, a duplicate operationId) fails the test.

const dir = await mkdtemp(join(tmpdir(), 'vigil-openapi-lint-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

it('passes `redocly lint`', async () => {
  const file = join(dir, 'openapi.json');
  await writeFile(file, await getOpenApi().text());
  const run = await promisify(execFile)(
    join(process.cwd(), 'node_modules/.bin/redocly'),
    ['lint', file, '--config', join(process.cwd(), 'redocly.yaml'), '--format', 'stylish'],
    {
      // Offline: no usage report, no check for a newer release.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  expect('code' in run ? run.code : 0, output).toBe(0);
  expect(output).toContain('Your API description is valid');
}, 60_000);
