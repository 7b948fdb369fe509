import { z } from 'zod';

/** Returns a message saying what is wrong and what to do, or `undefined` when the value is fine. */
export type TextCheck = (value: string) => string | undefined;

/**
 * A required text field (trimmed, since pasted keys often carry a stray newline). A missing,
 * non-text, empty or space-containing value gets one message that names the field and says
 * what to give; `check` then applies the provider's own rules. Messages never quote the value.
 */
export function requiredText(field: string, whatToGive: string, check?: TextCheck) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? `${field} is required: ${whatToGive}`
          : `${field} must be text: ${whatToGive}`,
    })
    .trim()
    .superRefine((value, ctx) => {
      const problem =
        value === ''
          ? `${field} is empty: ${whatToGive}`
          : /\s/.test(value)
            ? `${field} contains spaces or line breaks; paste the value exactly as the provider shows it`
            : check?.(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/**
 * Treats `undefined`, `null` and blank text as "not given", as a form with an empty optional
 * input or a pasted JSON `null` means, before applying `schema` to anything else.
 */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    schema.optional(),
  );
}

/** Non-empty text of letters, digits, `_` and `-`: the body of most API keys after their prefix. */
export const KEY_BODY = /^[A-Za-z0-9_-]+$/;
