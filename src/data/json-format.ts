/**
 * Writes the data files the way they are checked in: two-space indentation, except that an object or
 * array whose one-line form fits within `width` columns stays on one line. Most holdings observations
 * then take one line each, so an import that revises one month shows up as a one-line diff.
 */
export const DATA_JSON_WIDTH = 180;

export function formatJson(value: unknown, width = DATA_JSON_WIDTH): string {
  return `${layout(value, 0, 0, width)}\n`;
}

/** `indent`: indentation of the current line; `column`: where this value starts on it. */
function layout(value: unknown, indent: number, column: number, width: number): string {
  const flat = inline(value);
  if (value === null || typeof value !== 'object' || column + flat.length <= width) return flat;
  const inner = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => inner + layout(item, indent + 2, indent + 2, width));
    return `[\n${items.join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v]) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return head + layout(v, indent + 2, head.length, width);
  });
  return `{\n${lines.join(',\n')}\n${close}}`;
}

function inline(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
}
