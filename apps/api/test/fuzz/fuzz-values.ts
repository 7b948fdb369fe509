import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';

/** A secret-shaped value placed among the generated inputs: no answer may ever contain it. */
export const CANARY_SECRET = 'sk-ant-admin01-CANARYc4n4ryC4NARY0123456789abcdefABCDEF-fuzz';

/** Strings that have broken parsers, decimal libraries, date handling and SQL builders before. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uFEFF',
  'e\u0301',
  '💸'.repeat(300),
  'x'.repeat(70_000),
  '${constructor}',
  '__proto__',
  'constructor',
  "'; DROP TABLE users;--",
  '%00',
  '../../etc/passwd',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '0.1e-999999',
  '2025-02-30',
  '9999-99-99',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '<script>alert(1)</script>',
  '=cmd|"/c calc"!A1',
  '{"apiKey": ',
  '[[[[[[[[[[',
  'https://169.254.169.254/latest',
  'http://127.0.0.1:1/',
];

/** Unicode-edge, huge and hostile strings. */
export const edgeString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...EDGE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );

/** Deeply nested arrays and objects (up to 60 levels). */
const deep = (): fc.Arbitrary<unknown> =>
  fc.integer({ min: 20, max: 60 }).map((depth) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  });

/** Anything a client could send where a value is expected. */
export const garbage = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    edgeString(),
    fc.integer(),
    fc.constantFrom(2 ** 53 + 1, -(2 ** 31) - 1, 1e308, -0, 0.1),
    fc.boolean(),
    fc.constant(null),
    deep(),
    fc.array(edgeString(), { maxLength: 3 }),
    fc.dictionary(edgeString(), edgeString(), { maxKeys: 3 }),
  );

/** Where a secret goes (credentials, passwords, tokens): the canary, alone or inside JSON. */
const SECRET_FIELD = /password|credential|secret|^token$|apikey$/i;

/** Secret-shaped values: each holds the canary, which no answer or export may ever contain. */
export const secretValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(CANARY_SECRET),
    fc.constant(JSON.stringify({ apiKey: CANARY_SECRET })),
    fc.constant(`{"apiKey": "${CANARY_SECRET}"`),
    fc.constant(`${CANARY_SECRET}\u0000${'x'.repeat(5000)}`),
    fc.constant({ nested: [CANARY_SECRET] }),
  );

/** Leaf values roughly of a scalar's kind, so validation gets past the type check and into our rules. */
function scalarValue(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer());
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e300));
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.oneof(fc.constantFrom('2025-06-01', '2025-02-29', '1900-01-01', '2999-12-31'), edgeString());
    case 'Decimal':
    case 'Money':
      return fc.oneof(
        fc.constantFrom('0', '-1', '1.5', '1e3', '0.0000000000001', '99999999999999999999'),
        edgeString(),
      );
    default:
      return edgeString();
  }
}

/**
 * Values for a GraphQL input type: mostly shaped like the type with hostile leaves (so they reach
 * the resolvers), sometimes plain garbage (so they hit coercion).
 */
export function valueFor(type: GraphQLInputType, depth = 0, name = ''): fc.Arbitrary<unknown> {
  if (depth > 4) return garbage();
  if (SECRET_FIELD.test(name)) return secretValue();
  const shaped = (): fc.Arbitrary<unknown> => {
    if (isNonNullType(type)) return valueFor(type.ofType, depth, name);
    if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1, name), { maxLength: 3 });
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const record = Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1, f.name)]));
      const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
      return fc.record(record, { requiredKeys: required });
    }
    if (isScalarType(type)) return scalarValue(type.name);
    return garbage();
  };
  return fc.oneof({ arbitrary: shaped(), weight: 4 }, { arbitrary: garbage(), weight: 1 });
}

/** The named type's name, for building operation texts. */
export const typeName = (type: GraphQLInputType): string => String(type);
export { getNamedType };
