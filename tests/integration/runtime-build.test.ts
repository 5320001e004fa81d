import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The runtime bundles as a fresh clone meets them: scripts/build-runtime.mjs copied into a
// small project of its own (same entry points, the `@/` alias, a file found through
// import.meta.url, a package), run the way `npm start` runs it.

const root = path.resolve(import.meta.dirname, '../..');
const ENTRIES = [
  'scripts/start.ts',
  'scripts/start-web.ts',
  'jobs/worker.ts',
  'scripts/start-syslog.ts',
  'scripts/vigil.ts',
];

let project: string;
const node = (...args: string[]) =>
  execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
/** What --if-stale printed, on stderr: stdout belongs to the command that runs next. */
const buildIfStale = () => {
  const run = spawnSync(process.execPath, ['scripts/build-runtime.mjs', '--if-stale'], {
    cwd: project,
    encoding: 'utf8',
  });
  expect(run).toMatchObject({ status: 0, stdout: '' });
  return run.stderr;
};
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
};
const touch = (file: string) => utimesSync(path.join(project, file), new Date(), new Date());

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'vigil-runtime-build-'));
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  mkdirSync(path.join(project, 'scripts'));
  copyFileSync(
    path.join(root, 'scripts', 'build-runtime.mjs'),
    path.join(project, 'scripts', 'build-runtime.mjs'),
  );
  write('package.json', '{ "type": "module" }\n');
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { strict: true, paths: { '@/*': ['./*'] } } }),
  );
  write('lib/data/where.txt', 'found\n');
  // Finds its data next to itself, as db/migrate.ts finds db/migrations.
  write(
    'lib/data/locate.ts',
    "import { fileURLToPath } from 'node:url';\nexport const dataFile: string = fileURLToPath(new URL('./where.txt', import.meta.url));\n",
  );
  write('lib/greeting.ts', "export const greeting = 'first';\n");
  for (const entry of ENTRIES) {
    write(
      entry,
      "import { readFileSync } from 'node:fs';\nimport { z } from 'zod';\nimport { dataFile } from '@/lib/data/locate';\nimport { greeting } from '@/lib/greeting';\n" +
        // A folder inside a package without an exports map, as lib/email imports nodemailer's pool.
        "import SMTPPool from 'nodemailer/lib/smtp-pool';\n" +
        'console.log(JSON.stringify({ greeting: z.string().parse(greeting), dataFile, data: readFileSync(dataFile, "utf8").trim(), pool: typeof SMTPPool }));\n',
    );
  }
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('scripts/build-runtime.mjs --if-stale', () => {
  it('bundles every entry point on a fresh clone, into plain JavaScript that runs with node alone', () => {
    expect(buildIfStale()).toContain('because there is no runtime build yet');
    for (const name of ['start', 'start-web', 'worker', 'start-syslog', 'vigil']) {
      const printed = JSON.parse(node(`build/${name}.js`)) as Record<string, string>;
      // import.meta.url is the source file's, so files next to the source are found.
      expect(printed).toEqual({
        greeting: 'first',
        dataFile: path.join(project, 'lib', 'data', 'where.txt'),
        data: 'found',
        pool: 'function',
      });
      expect(statSync(path.join(project, 'build', `${name}.js.map`)).isFile()).toBe(true);
    }
    const bundle = readFileSync(path.join(project, 'build', 'worker.js'), 'utf8');
    expect(bundle).toMatch(/from "zod"/); // packages stay external
    expect(bundle).toContain('from "nodemailer/lib/smtp-pool/index.js"');
    expect(bundle).not.toContain('@/lib');
  });

  it('leaves up-to-date bundles alone and rebuilds once a source, or the configuration, is newer', () => {
    const before = statSync(path.join(project, 'build', 'vigil.js')).mtimeMs;
    expect(buildIfStale()).toBe('');
    expect(statSync(path.join(project, 'build', 'vigil.js')).mtimeMs).toBe(before);

    write('lib/greeting.ts', "export const greeting = 'second';\n");
    expect(buildIfStale()).toContain('because lib/greeting.ts changed');
    expect(JSON.parse(node('build/vigil.js'))).toMatchObject({ greeting: 'second' });

    touch('tsconfig.json');
    expect(buildIfStale()).toContain('because tsconfig.json changed');
    expect(buildIfStale()).toBe('');
  });

  it('rebuilds when a bundle is missing', () => {
    rmSync(path.join(project, 'build', 'start-web.js'));
    expect(buildIfStale()).toContain('because build/start-web.js is missing');
    expect(JSON.parse(node('build/start-web.js'))).toMatchObject({ data: 'found' });
  });
});
