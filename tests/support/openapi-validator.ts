import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Checks an HTTP answer against what the OpenAPI document promises for its operation and
// status: the status is documented, the media type is one the document lists, and the body
// validates against that media type's schema (JSON Schema 2020-12, the document's dialect).

type Json = Record<string, unknown>;
const DOCUMENT_ID = 'https://vigil.invalid/openapi.json';

/** A JSON Pointer segment (RFC 6901). */
const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

export function openApiValidator(doc: Json) {
  // Not strict: the document carries OpenAPI's own keywords (paths, example) beside schemas;
  // the schemas themselves are checked by `redocly lint` (tests/integration/openapi-lint.test.ts).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, DOCUMENT_ID);

  const at = (pointer: string[]) =>
    pointer.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) as
      Json | undefined;

  /** The response object for a status, following a $ref into components.responses. */
  function responseFor(path: string, method: string, status: number) {
    const base = ['paths', path, method, 'responses'];
    const responses = at(base);
    if (!responses) return undefined;
    const key = String(status) in responses ? String(status) : 'default';
    if (!(key in responses)) return undefined;
    const found = responses[key] as Json;
    if (typeof found.$ref === 'string') {
      const pointer = found.$ref.replace(/^#\//, '').split('/');
      return { pointer, response: at(pointer) };
    }
    return { pointer: [...base, key], response: found };
  }

  /** Throws, naming the operation and what is wrong, when `response` breaks the document. */
  return async function validate(path: string, method: string, response: Response) {
    const operation = `${method.toUpperCase()} ${path} → ${response.status}`;
    const found = responseFor(path, method.toLowerCase(), response.status);
    if (!found?.response)
      throw new Error(
        doc.paths && !at(['paths', path])
          ? `${operation}: the path is not in the document`
          : `${operation}: status not in the document`,
      );
    const content = found.response.content as Record<string, Json> | undefined;
    const text = await response.clone().text();
    if (!content) {
      if (text) throw new Error(`${operation}: a body where the document describes none`);
      return;
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!(mediaType in content))
      throw new Error(
        `${operation}: ${mediaType || 'no Content-Type'}, not one of ${Object.keys(content)}`,
      );
    const pointer = [...found.pointer, 'content', mediaType, 'schema'];
    const check = ajv.getSchema(`${DOCUMENT_ID}#/${pointer.map(escape).join('/')}`);
    if (!check) throw new Error(`${operation}: no schema at ${pointer.join('/')}`);
    const body = /[/+]json$/.test(mediaType) ? (JSON.parse(text) as unknown) : text;
    if (!check(body))
      throw new Error(
        `${operation}: the body does not match its schema: ${ajv.errorsText(check.errors)}\n${text.slice(0, 2000)}`,
      );
  };
}
