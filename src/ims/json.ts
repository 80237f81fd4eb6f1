/** A JSON object: not null, not an array. Files and workbook cells can hold any JSON value where an object is expected. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
