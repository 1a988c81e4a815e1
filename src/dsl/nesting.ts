/**
 * A guard in front of the YAML parser. The yaml lexer's memory grows with the nesting of flow
 * collections (`[[[…`, `{a: {a: …`): past roughly 1,500 levels V8 aborts the whole process while
 * compiling a regular expression, which no try/catch can stop. Real meshes and Envoy configs nest
 * a few dozen levels (Envoy itself refuses more than 100), so text past this bound is refused
 * before it is parsed.
 */
export const MAX_FLOW_NESTING = 500;

/** The offset of the first bracket past MAX_FLOW_NESTING, skipping quoted text and comments. */
export function flowNestingPastLimit(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = endOfQuoted(text, i);
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) i = endOfLine(text, i);
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_NESTING) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

function endOfQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}

function endOfLine(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline === -1 ? text.length : newline;
}
