import fc from 'fast-check';

// The inputs a hostile or careless client sends: strings that break parsers, encoders,
// terminals and SQL; numbers at and past every limit; dates and zones that do not exist;
// ids that look like UUIDs and are not. Each generator mixes these fixed specimens with
// fast-check's own arbitrary values, so a run explores beyond the list.

/** Strings that have broken real systems: encoding edges, injection fragments, control bytes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\u0007\u0008\u001b[31mred\u001b[0m',
  '\u007f',
  '\r\n\r\n',
  '\t',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'a\ud800b',
  '\u202eevil\u202c', // right-to-left override
  'שלום עולם',
  'مرحبا',
  '\u200b\u200d\ufeff', // zero-width and BOM
  'e\u0301\u0301\u0301\u0301\u0301', // combining marks piled up
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '\ufffd',
  "' OR '1'='1",
  "'; DROP TABLE incidents; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  '$1',
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '=cmd|"/c calc"!A1',
  '@SUM(1+1)',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'INC-',
  'INC-0',
  'INC--1',
  'TASK-99999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  '---------0-0-0-0-0-0-0-0-0-0-0-0-0-0',
  'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaaa',
  'ffffffffffffffffffffffffffffffffffff',
  '------------------------------------',
  '0123456789abcdef0123456789abcdef0123',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  '2026-03-08T02:30:00',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-11-01T25:61:61Z',
  'Mars/Olympus_Mons',
  'UTC+25',
  'Etc/GMT+14',
  'America/New York',
  'a'.repeat(10_001),
];

/** A string of 36 characters from [0-9a-f-]: what a loose pattern takes for a UUID. */
export const uuidShapedString = (): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...'0123456789abcdef-'), { minLength: 36, maxLength: 36 })
    .map((chars) => chars.join(''));

/** Ids that are not UUIDs, and (rarely) the nil UUID and a random real-looking one. */
export const hostileId = (): fc.Arbitrary<string> =>
  fc.oneof(
    uuidShapedString(),
    fc.uuid().map((id) => id.toUpperCase()),
    fc.uuid().map((id) => `${id}x`),
    fc.uuid().map((id) => id.slice(0, 35)),
    fc.uuid().map((id) => `{${id}}`),
    fc.uuid().map((id) => id.replaceAll('-', '')),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ maxLength: 40 }),
  );

/** Strings of every kind: the fixed specimens, full-unicode and control-laden noise, huge ones. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
        maxLength: 20,
      }),
    },
    { weight: 1, arbitrary: hostileId() },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...HOSTILE_STRINGS)
        .map((s) => s.repeat(Math.ceil(70_000 / Math.max(1, s.length)))),
    },
    { weight: 1, arbitrary: hostileNumber().map(String) },
  );

/** Numbers at and past every limit; NaN-ish and non-finite values included. */
export const hostileNumber = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(
      0,
      -0,
      -1,
      1.5,
      -2147483649,
      2147483648,
      Number.MAX_SAFE_INTEGER + 2,
      -Number.MAX_SAFE_INTEGER - 2,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      1e21,
      NaN,
      Infinity,
      -Infinity,
    ),
    fc.integer(),
    fc.double(),
  );

/** Any JSON-ish value, the hostile scalars weighted in. */
export const hostileJson = (): fc.Arbitrary<unknown> =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString(),
      hostileNumber(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(hostileString(), fc.string({ maxLength: 8 })), tie('value'), {
        maxKeys: 4,
      }),
    ),
  })).value;

/** A scalar a form or a query string can carry (always text). */
export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(hostileString(), hostileNumber().map(String), fc.boolean().map(String));
