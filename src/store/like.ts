/** A LIKE pattern matching `s` anywhere, with the caller's % and _ taken literally. */
export const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
