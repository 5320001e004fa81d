import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The long-running processes (launcher, worker, command line, web wrapper) run as plain
// JavaScript bundled by esbuild, not through a TypeScript loader at every start: about half
// the memory and a fraction of the start time. This file is JavaScript so that it runs
// before anything is built. `node scripts/build-runtime.mjs` builds (part of `npm run
// build`); with --if-stale it builds only when a bundle is missing or older than one of
// its sources, which is how `npm start` works on a fresh clone with no build step.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = 'build';
/** Bundle name (build/<name>.js) → its entry point. */
export const ENTRIES = {
  start: 'scripts/start.ts',
  'start-web': 'scripts/start-web.ts',
  worker: 'jobs/worker.ts',
  'start-syslog': 'scripts/start-syslog.ts',
  vigil: 'scripts/vigil.ts',
};
// Inputs that esbuild's list of imported files does not show but that change the output.
const CONFIG_INPUTS = ['scripts/build-runtime.mjs', 'tsconfig.json', 'package.json'];
const STAMP = 'runtime-build.json';

/** Why the bundles must be (re)built, or null when every one is newer than all its sources. */
export function runtimeBuildNeeded(root = ROOT) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(root, BUILD_DIR, STAMP), 'utf8'));
  } catch {
    return 'there is no runtime build yet';
  }
  for (const name of Object.keys(ENTRIES)) {
    if (!existsSync(path.join(root, BUILD_DIR, `${name}.js`)))
      return `${BUILD_DIR}/${name}.js is missing`;
  }
  for (const file of [...CONFIG_INPUTS, ...stamp.inputs]) {
    let modified;
    try {
      modified = statSync(path.join(root, file)).mtimeMs;
    } catch {
      return `${file} was removed`;
    }
    if (modified > stamp.builtAt) return `${file} changed`;
  }
  return null;
}

/**
 * Bundles every entry (packages stay external and load from node_modules as before). Safe
 * to run from several processes at once: each builds into its own folder and renames the
 * files into place, so a process starting meanwhile reads an old bundle or a new one,
 * never half of one.
 */
export async function buildRuntime(root = ROOT) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error(
      'esbuild is not installed: run `npm ci` (with dev dependencies) and then `npm run build`.',
    );
  }
  // Taken before reading any source, so an edit made during the build triggers the next.
  const builtAt = Date.now();
  const outDir = path.join(root, BUILD_DIR);
  mkdirSync(outDir, { recursive: true });
  const scratch = mkdtempSync(path.join(outDir, '.building-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(
        Object.entries(ENTRIES).map(([name, entry]) => [name, path.join(root, entry)]),
      ),
      outdir: scratch,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.9',
      packages: 'external',
      tsconfig: path.join(root, 'tsconfig.json'),
      sourcemap: true,
      metafile: true,
      logLevel: 'warning',
      plugins: [sourceLocationPlugin(root, outDir), packageSubpathPlugin()],
    });
    for (const name of Object.keys(ENTRIES)) {
      for (const file of [`${name}.js`, `${name}.js.map`])
        renameSync(path.join(scratch, file), path.join(outDir, file));
    }
    const inputs = Object.keys(result.metafile.inputs).sort();
    writeFileSync(path.join(outDir, STAMP), `${JSON.stringify({ builtAt, inputs }, null, 2)}\n`);
    return { ms: Date.now() - builtAt, inputs: inputs.length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds when needed; returns why it built, or null when the bundles were up to date. */
export async function ensureRuntimeBuilt(root = ROOT, say = () => {}) {
  const reason = runtimeBuildNeeded(root);
  if (!reason) return null;
  say(
    `Bundling the launcher, worker, syslog receiver, command line and web wrapper because ${reason}…`,
  );
  const { ms } = await buildRuntime(root);
  say(`Bundled in ${(ms / 1000).toFixed(1)} s.`);
  return reason;
}

/**
 * Code that finds files next to itself (`new URL('./migrations', import.meta.url)`) would
 * look next to the bundle instead. Each project file's import.meta.url becomes its own
 * location, written relative to the bundle so that the checkout can still be moved.
 */
function sourceLocationPlugin(root, outDir) {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.(?:[cm]?[jt]s|[jt]sx)$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.')) return undefined;
        if (/import\.meta\.(?:dirname|filename)/.test(source)) {
          return {
            errors: [
              {
                text: 'import.meta.dirname and .filename are not rewritten for the bundle: use import.meta.url',
              },
            ],
          };
        }
        const relative = path.relative(outDir, args.path).split(path.sep).join('/');
        const contents = source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
        );
        return { contents, loader: loaderFor(args.path), resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/**
 * tsx let TypeScript import a package's files as CommonJS would (`nodemailer/lib/smtp-pool`,
 * a folder); Node's ESM loader, which runs the bundle, refuses that for packages without an
 * "exports" map. Such an import is written as the file CommonJS finds, still external.
 */
function packageSubpathPlugin() {
  return {
    name: 'package-subpath',
    setup(build) {
      build.onResolve({ filter: /^(?:@[^/]+\/)?[^./@][^/]*\/./ }, (args) => {
        if (args.path.startsWith('node:') || !args.importer) return undefined;
        const [, name, subpath] = /^((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(args.path);
        const packageDir = findPackageDir(name, path.dirname(args.importer));
        if (!packageDir) return undefined;
        const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
        if (manifest.exports !== undefined) return undefined; // the map decides, for both loaders
        const literal = path.join(packageDir, subpath);
        if (existsSync(literal) && statSync(literal).isFile()) return undefined;
        const file = createRequire(args.importer).resolve(args.path);
        return {
          path: `${name}/${path.relative(packageDir, file).split(path.sep).join('/')}`,
          external: true,
        };
      });
    },
  };
}

function findPackageDir(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate); // as require.resolve answers
    if (path.dirname(dir) === dir) return undefined;
  }
}

function loaderFor(file) {
  const extension = path.extname(file).slice(1);
  if (extension === 'tsx' || extension === 'jsx') return extension;
  return extension.endsWith('ts') ? 'ts' : 'js';
}

// Run as a script (not imported by the launcher's bundle or a test).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    // On stderr: what `npm run vigil -- token create` prints on stdout is read by scripts.
    if (ifStale) await ensureRuntimeBuilt(ROOT, (line) => console.error(`[vigil] ${line}`));
    else {
      const { ms, inputs } = await buildRuntime(ROOT);
      console.log(
        `Bundled ${Object.keys(ENTRIES).length} entry points (${inputs} source files) into ${BUILD_DIR}/ in ${(ms / 1000).toFixed(1)} s.`,
      );
    }
  } catch (error) {
    // esbuild has already printed the source errors themselves.
    console.error(
      `[vigil] Could not bundle the runtime: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
