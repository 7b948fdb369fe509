import fc from 'fast-check';

/** Characters that make case folding, LIKE escapes and the search separator (U+001F) matter. */
const CHARS = ['a', 'A', 'b', 'É', 'é', 'ß', '-', ' ', '%', '_', '\\', '1', '\u001f'];

/** Short texts drawn from those characters: searched column values and search terms. */
export const searchText = fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((chars) => chars.join(''));

/** A searched column's value, null included. */
export const searchField = fc.option(searchText, { nil: null });
