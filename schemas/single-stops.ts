// A sentence that ends with a name or a typed reason which itself ends with a full stop ("Acme
// Ltd.", "max 15%.") followed by the sentence's own stop reads "Ltd.. Next": one stop is kept. An
// ellipsis ("...") is left as written. Applied to every translated UI text and every notice.

/** `text` with each doubled full stop before a space or the end made single. */
export const singleStops = (text: string): string => text.replace(/(?<!\.)\.\.(?=\s|$)/g, '.');
