import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { appRoutes } from '../support/api-routes';

// What the authorization matrix must cover, read from the source tree rather than listed by
// hand: a page, route, server action or domain function added tomorrow is found here and,
// without a matrix entry, fails tests/unit/authorization-matrix.test.ts.

const ROOT = process.cwd();

function walk(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return walk(path, keep);
    return keep(path) ? [path] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

type ExportedFunction = {
  name: string;
  parameters: ts.NodeArray<ts.ParameterDeclaration>;
  body: ts.Node | undefined;
};

function exportedFunctions(source: ts.SourceFile): ExportedFunction[] {
  const found: ExportedFunction[] = [];
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name)
      found.push({
        name: statement.name.text,
        parameters: statement.parameters,
        body: statement.body,
      });
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          found.push({
            name: declaration.name.getText(source),
            parameters: init.parameters,
            body: init.body,
          });
      }
  }
  return found;
}

/** `lib/incidents/links.ts#linkIncidents`: the key of a domain function or a server action. */
export type ExportKey = `${string}#${string}`;

export type DomainFunction = {
  key: ExportKey;
  file: string;
  name: string;
  /** Where the actor goes in its parameters (most take `(db, actor, …)`). */
  actorIndex: number;
};

/**
 * Every function exported from lib/ that takes an Actor: the domain's way in for writes
 * (and for the reads that must know who asks). Test-only and type-only files are not here.
 */
export function actorFunctions(): DomainFunction[] {
  const candidates = walk('lib', (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    // Parsing is the slow part: only files that name an Actor type can take one.
    .filter((file) => /\b(Actor|UserActor)\b/.test(readFileSync(join(ROOT, file), 'utf8')));
  return candidates.flatMap((file) => {
    const source = parse(file);
    return exportedFunctions(source).flatMap(({ name, parameters }) => {
      const actorIndex = parameters.findIndex(
        (p) => p.type && /\b(Actor|UserActor)\b/.test(p.type.getText(source)),
      );
      return actorIndex < 0
        ? []
        : [{ key: `${file}#${name}` as ExportKey, file, name, actorIndex }];
    });
  });
}

export type ServerAction = {
  key: ExportKey;
  file: string;
  name: string;
  /** Every function the action's body calls by name, for the "one domain function" check. */
  calls: string[];
};

function calledNames(node: ts.Node | undefined): string[] {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) names.add(n.expression.text);
    // Passed on rather than called here (`runTicketAction(kind, createX)`) counts too.
    if (ts.isCallExpression(n))
      for (const argument of n.arguments) if (ts.isIdentifier(argument)) names.add(argument.text);
    ts.forEachChild(n, visit);
  };
  if (node) visit(node);
  return [...names];
}

/** Every export of every 'use server' file under app/. */
export function serverActions(): ServerAction[] {
  return walk('app', (file) => file.endsWith('.ts'))
    .filter((file) => /^\s*['"]use server['"]/.test(readFileSync(join(ROOT, file), 'utf8')))
    .flatMap((file) =>
      exportedFunctions(parse(file)).map(({ name, body }) => ({
        key: `${file}#${name}` as ExportKey,
        file,
        name,
        calls: calledNames(body),
      })),
    );
}

/** `app/(app)/incidents/[number]/page.tsx` → `/incidents/[number]` (route groups leave the URL). */
export function pagePaths(): { path: string; file: string }[] {
  return walk('app', (file) => file.endsWith('/page.tsx')).map((file) => {
    const segments = relative('app', file)
      .split(sep)
      .slice(0, -1)
      .filter((segment) => !/^\(.*\)$/.test(segment));
    return { path: `/${segments.join('/')}`, file };
  });
}

/** `GET /api/v1/incidents/{number}`: every method every route.ts under app/ serves. */
export function routeOperations(): { key: string; path: string; method: string; file: string }[] {
  return appRoutes()
    .filter((route) => !route.catchAll || route.methods.length)
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD' && method !== 'OPTIONS')
        .map((method) => ({
          key: `${method} ${route.path}`,
          path: route.path,
          method,
          file: relative(ROOT, route.file),
        })),
    );
}

/**
 * What the shared action helpers call (lib/tickets/ticket-action.ts: addNoteFromForm calls
 * addNote), so an action that goes through one is seen calling the domain function.
 */
export function actionHelperCalls(): Map<string, string[]> {
  const file = 'lib/tickets/ticket-action.ts';
  return new Map(exportedFunctions(parse(file)).map(({ name, body }) => [name, calledNames(body)]));
}

/** A Drizzle write on the function's own handle: `db.insert(…)`, `tx\n  .update(…)`. */
const WRITE = /\b(db|tx)\s*\.(insert|update|delete)\s*\(/;

/**
 * Exported functions of lib/ that write through a database handle but take no Actor: jobs,
 * signed links, sign-in, and helpers called inside a checked entry's transaction. Each must
 * be declared (tests/authorization/matrix-actorless.ts) with what guards it.
 */
export function actorlessWrites(): ExportKey[] {
  return walk('lib', (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => WRITE.test(readFileSync(join(ROOT, file), 'utf8')))
    .flatMap((file) => {
      const source = parse(file);
      return exportedFunctions(source)
        .filter(
          ({ parameters, body }) =>
            !parameters.some(
              (p) => p.type && /\b(Actor|UserActor)\b/.test(p.type.getText(source)),
            ) && WRITE.test(body?.getText(source) ?? ''),
        )
        .map(({ name }) => `${file}#${name}` as ExportKey);
    });
}
