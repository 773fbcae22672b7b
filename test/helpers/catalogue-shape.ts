// What the widget's and the emails' translations are checked against (test/internal/locale-words.test.ts,
// test/server/email-words.test.ts): both follow src/i18n/catalogue.ts.

export type Entry = string | Record<string, unknown>;
const isPlural = (entry: Entry): boolean => typeof entry === 'object' && typeof entry.other === 'string';
const placeholders = (words: string): string[] => [...words.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/**
 * Every difference between a locale's words and English's shape, as `path: problem` lines:
 * keys missing or extra, placeholders lost or invented, plural forms the language lacks or misses.
 */
export function compareCatalogue(
  locale: string,
  englishEntry: Entry,
  entry: Entry | undefined,
  path: string,
): string[] {
  if (entry === undefined) return [`${path}: missing`];
  if (typeof englishEntry === 'string') {
    if (typeof entry !== 'string') return [`${path}: not words`];
    const [expected, found] = [placeholders(englishEntry), placeholders(entry)];
    return expected.join() === found.join() ? [] : [`${path}: placeholders ${found} instead of ${expected}`];
  }
  if (isPlural(englishEntry)) {
    if (typeof entry !== 'object' || !isPlural(entry)) return [`${path}: not plural forms`];
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
    const forms = Object.keys(entry);
    const wanted = [...categories, ...('=0' in englishEntry ? ['=0'] : [])];
    const problems = [
      ...wanted.filter((form) => !forms.includes(form)).map((form) => `${path}: no ${form} form`),
      ...forms
        .filter((form) => !wanted.includes(form))
        .map((form) => `${path}: ${form} is not a form of ${locale}`),
    ];
    for (const form of forms) {
      const words = (entry as Record<string, string>)[form]!;
      if (placeholders(words).some((name) => name !== 'count'))
        problems.push(`${path}.${form}: a placeholder other than {count}`);
    }
    return problems;
  }
  if (typeof entry !== 'object') return [`${path}: not a group`];
  const keys = new Set([...Object.keys(englishEntry), ...Object.keys(entry)]);
  return [...keys].flatMap((key) =>
    key in englishEntry
      ? compareCatalogue(
          locale,
          englishEntry[key] as Entry,
          (entry as Record<string, Entry>)[key],
          `${path}.${key}`,
        )
      : [`${path}.${key}: extra`],
  );
}
