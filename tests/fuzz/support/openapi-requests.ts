import fc from 'fast-check';
import { hostileJson, hostileString, hostileText } from './hostile-values';

// Requests for one operation of the OpenAPI document, built from what the document says it
// takes: path and query parameters filled with hostile text (or, sometimes, a valid value,
// so the hostile part lands deeper than the first check), and bodies made by mutating a
// valid example of the request schema, by arbitrary JSON, or as raw bytes that are not JSON.

type Json = Record<string, unknown>;
export type Doc = { paths: Record<string, Json>; components: { schemas: Record<string, Json> } };

export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  bodySchema?: Json;
  bodyMediaTypes: string[];
};

export type Parameter = { name: string; in: string; schema?: Json; example?: unknown };

export type FuzzRequest = {
  path: string;
  /** The path parameters as generated, before encoding. */
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: [string, string][];
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType?: string };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    return METHODS.filter((method) => method in item).map((method) => {
      const op = item[method] as Json;
      const content = (op.requestBody as { content?: Record<string, { schema?: Json }> })?.content;
      return {
        method: method.toUpperCase(),
        path,
        parameters: [...shared, ...((op.parameters as Parameter[] | undefined) ?? [])],
        bodySchema: content?.['application/json']?.schema,
        bodyMediaTypes: Object.keys(content ?? {}),
      };
    });
  });
}

function resolve(doc: Doc, schema: Json | undefined): Json {
  let node = schema ?? {};
  while (typeof node.$ref === 'string') node = doc.components.schemas[node.$ref.split('/').pop()!];
  return node;
}

/** A value the schema accepts, as small as it allows: what a careful client would send. */
export function exampleOf(doc: Doc, schema: Json | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if ('const' in s) return s.const;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ('example' in s) return s.example;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(s[key])) return exampleOf(doc, (s[key] as Json[])[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const required = (s.required as string[] | undefined) ?? [];
      const properties = (s.properties as Record<string, Json> | undefined) ?? {};
      return Object.fromEntries(
        required.map((name) => [
          name,
          depth > 6 ? null : exampleOf(doc, properties[name], depth + 1),
        ]),
      );
    }
    case 'array': {
      const min = Number(s.minItems ?? 0);
      return Array.from({ length: Math.max(1, min) }, () =>
        exampleOf(doc, s.items as Json, depth + 1),
      );
    }
    case 'string':
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date-time') return '2026-06-01T09:00:00Z';
      if (s.format === 'date') return '2026-06-01';
      if (s.format === 'email') return 'fuzz@example.com';
      return 'x'.repeat(Math.max(1, Number(s.minLength ?? 1)));
    case 'integer':
    case 'number':
      return Math.max(1, Number(s.minimum ?? s.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** The property names an object schema (or the first object among its alternatives) declares. */
function propertyNames(doc: Doc, schema: Json | undefined): string[] {
  const s = resolve(doc, schema);
  if (s.properties) return Object.keys(s.properties as Json);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(s[key])) return (s[key] as Json[]).flatMap((alt) => propertyNames(doc, alt));
  return [];
}

/** A valid example with one to three fields made hostile, dropped, or added. */
function mutatedExample(doc: Doc, schema: Json): fc.Arbitrary<unknown> {
  const example = exampleOf(doc, schema);
  const names = propertyNames(doc, schema);
  if (!example || typeof example !== 'object' || Array.isArray(example) || !names.length)
    return fc.oneof(
      hostileJson(),
      fc.constant(example).map((e) => [e, e]),
    );
  const mutation = fc.oneof(
    fc.tuple(fc.constant('set' as const), fc.constantFrom(...names), hostileJson()),
    fc.tuple(fc.constant('set' as const), fc.constantFrom(...names), hostileString()),
    fc.tuple(fc.constant('drop' as const), fc.constantFrom(...names), fc.constant(null)),
    fc.tuple(fc.constant('set' as const), hostileString(), hostileJson()),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const value: Json = { ...(example as Json) };
    for (const [kind, name, replacement] of mutations)
      if (kind === 'drop') delete value[name];
      else value[name] = replacement;
    return value;
  });
}

// Over the 2 MB body limit (lib/api/read-json.ts); made once, sent now and then.
const HUGE = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024 + 10) });

const rawBody = (): fc.Arbitrary<{ kind: 'raw'; text: string; contentType?: string }> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('raw' as const),
      text: fc.oneof(
        fc.constantFrom('{', '{"title":', '[1,2', 'nul', "{'a':1}", '{"a":1}}', '\u0000', '\ud800'),
        fc.string({ unit: 'binary', maxLength: 50 }),
      ),
      contentType: fc.constant('application/json'),
    }),
    fc.record({
      kind: fc.constant('raw' as const),
      text: fc.constantFrom('{"title":"Phishing"}', 'title=Phishing', '<xml/>'),
      contentType: fc.option(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/jsonx',
          'json',
          '',
        ),
        { nil: undefined },
      ),
    }),
    fc.constant({ kind: 'raw' as const, text: HUGE, contentType: 'application/json' }),
  );

/** Lone surrogates as U+FFFD, as any HTTP client's UTF-8 encoder sends them. */
export const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, '\ufffd');

/** A header value as bytes allow it (Latin-1): anything else is percent-escaped. */
const headerSafe = (text: string) =>
  wellFormed(text).replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));

export function requestsFor(
  doc: Doc,
  op: Operation,
  validPathValues: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  // Not empty: `/tasks/` is the list, another operation, not a task with a bad number.
  const hostileSegment = hostileString().filter((text) => wellFormed(text) !== '');
  const pathValues = fc.tuple(
    ...pathNames.map((name) =>
      fc.oneof(
        { weight: 2, arbitrary: validPathValues[name] ?? hostileSegment },
        { weight: 1, arbitrary: hostileSegment },
      ),
    ),
  );
  const queryParameters = op.parameters.filter((p) => p.in === 'query');
  const query = fc
    .array(
      fc.oneof(
        ...(queryParameters.length
          ? [
              fc
                .tuple(
                  fc.constantFrom(...queryParameters),
                  fc.oneof(hostileText(), fc.constant(null)),
                )
                .map(
                  ([p, text]) =>
                    [p.name, text ?? String(exampleOf(doc, p.schema))] as [string, string],
                ),
            ]
          : []),
        fc.tuple(hostileString(), hostileText()),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs as [string, string][]);
  const headers = fc
    .option(fc.oneof(fc.constantFrom('"1"', 'W/"1"', '*', '"999999999999"'), hostileText()), {
      nil: undefined,
    })
    .map(
      (ifMatch) =>
        (ifMatch === undefined ? [] : [['if-match', headerSafe(ifMatch)]]) as [string, string][],
    );
  const body =
    op.bodyMediaTypes.length && op.bodySchema
      ? fc.oneof(
          {
            weight: 5,
            arbitrary: mutatedExample(doc, op.bodySchema).map((value) => ({
              kind: 'json' as const,
              value,
            })),
          },
          {
            weight: 2,
            arbitrary: hostileJson().map((value) => ({ kind: 'json' as const, value })),
          },
          { weight: 1, arbitrary: rawBody() },
        )
      : op.method === 'GET'
        ? fc.constant(undefined)
        : fc.option(rawBody(), { nil: undefined, freq: 4 });
  return fc
    .record({ pathValues, query, headers, body })
    .map(({ pathValues: values, query: q, headers: h, body: b }) => ({
      path: pathNames.reduce(
        (path, name, i) => path.replace(`{${name}}`, encodeURIComponent(wellFormed(values[i]))),
        op.path,
      ),
      pathValues: Object.fromEntries(pathNames.map((name, i) => [name, wellFormed(values[i])])),
      query: q,
      headers: h,
      body: b,
    }));
}
