/**
 * Serializes a JSON value with 2-space indentation, except that an array holding only numbers,
 * strings, booleans or nulls stays on one line. A confusion matrix then takes one line per row and
 * a baseline diff shows which rows changed. The output ends with a newline and parses back to an
 * equal value.
 */
export function formatJson(value: unknown): string {
  return `${formatValue(value, '')}\n`;
}

function formatValue(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    return formatArray(value, indent);
  }
  if (value !== null && typeof value === 'object') {
    return formatObject(value as Record<string, unknown>, indent);
  }
  return formatScalar(value);
}

function formatArray(items: readonly unknown[], indent: string): string {
  if (items.length === 0) {
    return '[]';
  }
  if (items.every(isScalar)) {
    return `[${items.map(formatScalar).join(', ')}]`;
  }

  const inner = `${indent}  `;
  const lines = items.map((item) => inner + formatValue(item, inner));
  return `[\n${lines.join(',\n')}\n${indent}]`;
}

function formatObject(object: Record<string, unknown>, indent: string): string {
  const entries = Object.entries(object).filter(([, item]) => item !== undefined);
  if (entries.length === 0) {
    return '{}';
  }

  const inner = `${indent}  `;
  const lines = entries.map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${formatValue(item, inner)}`,
  );
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** Formats like `JSON.stringify`: non-finite numbers become `null`. */
function formatScalar(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
