// ETag and If-Match in the OpenAPI document (lib/api/etag.ts is what they describe).

export const etagHeader = {
  ETag: {
    description:
      'The item’s version as a strong entity tag ("3"): send it back as If-Match to write against it.',
    schema: { type: 'string', example: '"3"' },
  },
};

export const ifMatchParameter = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The ETag you read ("3"), instead of `version` in the body: a write against any other version is refused with 412 and changes nothing. With a body `version` that differs, the request is a 400. `*` writes against whatever version the item is at.',
  schema: { type: 'string', example: '"3"' },
};

/** A 200 answer that carries the item's ETag. */
export const withEtag = <T extends Record<string, unknown>>(response: T) => ({
  ...response,
  headers: { ...((response.headers as Record<string, unknown>) ?? {}), ...etagHeader },
});
