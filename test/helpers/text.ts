/** Test text helpers. */

/**
 * Removes the common indentation of a template literal and its first and last empty lines,
 * so YAML in tests is written at its natural indentation and line numbers are obvious:
 * line 1 is the first line after the opening backtick.
 */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return lines.map((l) => l.slice(common)).join('\n') + '\n';
}
