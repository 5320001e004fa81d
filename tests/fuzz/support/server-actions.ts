import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Every server action of the app, found as Next.js finds them: the exported functions of
// each file under app/ that starts with 'use server'. Each one's parameters are read from
// its source, so a new action (or a new parameter) is fuzzed, or fails the suite, without
// anyone remembering to add it.

const root = fileURLToPath(new URL('../../..', import.meta.url));

export type ActionParameter = { name: string; type: string };
export type ServerAction = {
  /** `app/(app)/incidents/actions.ts#createIncidentAction` */
  key: string;
  file: string;
  name: string;
  parameters: ActionParameter[];
};

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (/\.tsx?$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** `a: string, b: Record<string, number>` split at its top-level commas. */
function splitParameters(list: string): ActionParameter[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of list) {
    if ('<({['.includes(c)) depth++;
    if ('>)}]'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      return { name: part.slice(0, colon).trim(), type: part.slice(colon + 1).trim() };
    });
}

export function serverActionFiles(): string[] {
  return walk(path.join(root, 'app'))
    .filter((file) => /^\s*['"]use server['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file))
    .sort();
}

/** The exported functions of every 'use server' file, with their declared parameters. */
export function serverActions(): ServerAction[] {
  return serverActionFiles().flatMap((file) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    return [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)/g)].map(
      ([, name, list]) => ({
        key: `${file}#${name}`,
        file,
        name,
        parameters: splitParameters(list),
      }),
    );
  });
}

/** Loads the module as the app would (the '@/…' path), for its exports. */
export function loadActionFile(file: string): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(root, file)) as Promise<Record<string, unknown>>;
}

/** Every quoted word in the action files and the form readers they use: the form's field names. */
export function formFieldNames(): string[] {
  const sources = [
    ...serverActionFiles(),
    ...walk(path.join(root, 'lib'))
      .map((file) => path.relative(root, file))
      .filter((file) => /form-data\.ts$|selection\.ts$|ticket-action\.ts$/.test(file)),
  ];
  const names = new Set<string>();
  for (const file of sources)
    for (const [, word] of readFileSync(path.join(root, file), 'utf8').matchAll(
      /'([a-zA-Z][\w-]{1,40})'/g,
    ))
      names.add(word);
  return [...names].sort();
}
