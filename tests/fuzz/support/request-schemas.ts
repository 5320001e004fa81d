import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Doc, Operation } from './openapi-requests';

// Whether a generated request is malformed by the document's own account: its JSON body
// fails the request schema, or a path parameter fails its pattern. The document is what
// integrators code against, so whatever it rules out the server must refuse with a 4xx.

type Json = Record<string, unknown>;
const DOCUMENT_ID = 'https://vigil.invalid/openapi.json';

export function requestSchemas(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema(doc as unknown as Json, DOCUMENT_ID);
  const at = (ref: string) => ajv.getSchema(`${DOCUMENT_ID}${ref}`);
  const compiled = new WeakMap<Json, ReturnType<typeof ajv.compile>>();
  const compile = (schema: Json) => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile(schema));
    return compiled.get(schema)!;
  };

  return {
    /** Null when the body matches the operation's schema, else what is wrong with it. */
    bodyProblem(op: Operation, body: unknown): string | null {
      const ref = op.bodySchema?.$ref;
      const check = typeof ref === 'string' ? at(ref) : compile(op.bodySchema ?? {});
      if (!check) throw new Error(`no schema for ${op.method} ${op.path}`);
      return check(body) ? null : ajv.errorsText(check.errors);
    },
    /** Null when every path value matches its parameter's schema, else the first that does not. */
    pathProblem(op: Operation, values: Record<string, string>): string | null {
      for (const p of op.parameters.filter((p) => p.in === 'path' && p.schema)) {
        const check = compile(p.schema!);
        if (p.name in values && !check(values[p.name]))
          return `${p.name}: ${ajv.errorsText(check.errors)}`;
      }
      return null;
    },
  };
}
