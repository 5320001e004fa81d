import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { SetupError } from './errors';

// PostgreSQL refuses to run as root. Under root it runs as the `postgres` OS user, which
// can only use what it can reach: a clone under /root or under any 0700 folder is closed
// to it. Vigil never opens such folders (it does not change the permissions of folders it
// did not create); it asks what the postgres user can reach and works around the rest.

export type RunAs = { user: string; uid: number; gid: number };

const USER = 'postgres';

/** Who runs PostgreSQL: undefined when this process may (it is not root). */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return lookUpUser() ?? createUser();
}

/**
 * True when `runAs` can enter every folder in `dirs` (and every folder above them). Asked
 * of the system rather than worked out from modes, so ACLs and groups count exactly as
 * they will for PostgreSQL, which is started the same way (uid and gid, no other groups).
 */
export function canEnter(dirs: string[], runAs: RunAs | undefined): boolean {
  if (!runAs) return true;
  const script = 'for d in "$@"; do cd -- "$d" || exit 1; done';
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...dirs], {
    uid: runAs.uid,
    gid: runAs.gid,
    stdio: 'ignore',
    cwd: '/',
  });
  return result.status === 0;
}

/** The highest folder on the way to `dir` that `runAs` cannot enter, for messages. */
export function firstClosedFolder(dir: string, runAs: RunAs): string | undefined {
  const chain: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === path.dirname(current)) break;
  }
  return chain.find((folder) => !canEnter([folder], runAs));
}

function lookUpUser(): RunAs | undefined {
  try {
    const id = (flag: string) =>
      Number(
        execFileSync('id', [flag, USER], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim(),
      );
    return { user: USER, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** A system account without a home or a login shell: it only ever runs PostgreSQL. */
function createUser(): RunAs {
  try {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new SetupError(
      `PostgreSQL cannot run as root and there is no "${USER}" user to run it as, and creating one failed ` +
        `(${(error as Error).message.split('\n')[0]}).\nCreate one (useradd --system ${USER}) or run Vigil as a normal user.`,
    );
  }
  const created = lookUpUser();
  if (!created)
    throw new SetupError(
      `Created the "${USER}" user but cannot look it up (id ${USER}). Check the system's user database.`,
    );
  return created;
}
