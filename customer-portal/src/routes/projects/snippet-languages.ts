import type { SnippetLanguage } from '../../lib/api-types';

export const LANGUAGES: Record<SnippetLanguage, { label: string; color: string; extensions: string[] }> = {
  javascript: { label: 'JavaScript', color: 'gold', extensions: ['js', 'mjs', 'cjs', 'jsx'] },
  typescript: { label: 'TypeScript', color: 'blue', extensions: ['ts', 'mts', 'cts', 'tsx'] },
  python: { label: 'Python', color: 'geekblue', extensions: ['py', 'pyw'] },
  java: { label: 'Java', color: 'orange', extensions: ['java'] },
  go: { label: 'Go', color: 'cyan', extensions: ['go'] },
  ruby: { label: 'Ruby', color: 'red', extensions: ['rb'] },
  c: { label: 'C', color: 'default', extensions: ['c', 'h'] },
  cpp: { label: 'C++', color: 'purple', extensions: ['cpp', 'cc', 'cxx', 'hpp', 'hh'] },
  csharp: { label: 'C#', color: 'green', extensions: ['cs'] },
  php: { label: 'PHP', color: 'magenta', extensions: ['php'] },
  rust: { label: 'Rust', color: 'volcano', extensions: ['rs'] },
  other: { label: 'Other', color: 'default', extensions: [] },
};

export const LANGUAGE_OPTIONS = (Object.keys(LANGUAGES) as SnippetLanguage[]).map((value) => ({ value, label: LANGUAGES[value].label }));

/** Guesses the language from a filename's extension ("app.ts" → typescript); undefined if unknown. */
export function languageForFilename(filename: string | undefined): SnippetLanguage | undefined {
  const ext = filename?.trim().toLowerCase().match(/\.([a-z0-9+]+)$/)?.[1];
  if (!ext) return undefined;
  return (Object.keys(LANGUAGES) as SnippetLanguage[]).find((lang) => LANGUAGES[lang].extensions.includes(ext));
}

export function languageLabel(language: string): string {
  return LANGUAGES[language as SnippetLanguage]?.label ?? language;
}

export function languageColor(language: string): string {
  return LANGUAGES[language as SnippetLanguage]?.color ?? 'default';
}
