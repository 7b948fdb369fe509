/**
 * graphql-js reports a variable that does not coerce as
 * `Variable "$input" got invalid value { …the whole submitted value… } at "input.label"; <reason>`,
 * and some reasons repeat the value too ("String cannot represent a non string value: 12").
 * A mutation's variables can hold provider credentials, so the value never goes back to the
 * client (nor into a log): keep the variable, the path and a value-free reason.
 */
const PREFIX = /^Variable "\$([^"]+)" got invalid value /;

/** Reasons that state a value-free rule as they are (graphql-js's, and the API's own scalars'). */
const VALUE_FREE = [
  /^Field "[^"]+" of required type "[^"]+" was not provided\.$/,
  /^Field "[^"]+" is not defined by type "[^"]+"\.( Did you mean [^:]*\?)?$/,
  /^Expected type "[^"]+" to be an object\.$/,
  /^Expected value of non-null type "[^"]+" not to be null\.$/,
  /^(Decimal|Date) values are [^:]*$/,
  /^Decimal fields must hold exact decimals$/,
];

function valueFreeReason(reason: string): string {
  if (VALUE_FREE.some((rule) => rule.test(reason))) return reason;
  const represent = /^(.{1,80}? cannot represent)\b/.exec(reason);
  if (represent) return `${represent[1]} the given value.`;
  const enumValue = /^Value .* does not exist in "([^"]+)" enum\./s.exec(reason);
  if (enumValue) return `The value is not one of the "${enumValue[1]}" enum's values.`;
  return 'The value is not valid for its type.';
}

/**
 * The message with the submitted value cut out; `reason` is the inner error's message when
 * known (graphql-js keeps it as the error's `originalError`). Other messages pass unchanged.
 */
export function redactVariableError(message: string, reason: string | undefined): string {
  const prefix = PREFIX.exec(message);
  if (!prefix) return message;
  const name = prefix[1]!;
  const rest = message.slice(prefix[0].length);
  if (reason === undefined || !rest.endsWith(`; ${reason}`)) return `Variable "$${name}" got an invalid value.`;
  const valueAndPath = rest.slice(0, rest.length - reason.length - 2);
  const at = valueAndPath.lastIndexOf(` at "${name}`);
  const path = at >= 0 && valueAndPath.endsWith('"') ? valueAndPath.slice(at + 5, -1) : undefined;
  return `Variable "$${name}" got an invalid value${path ? ` at "${path}"` : ''}; ${valueFreeReason(reason)}`;
}
