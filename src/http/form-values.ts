/** Reading parsed form fields, which arrive as a string, a list of strings (repeated names) or nothing. */

export function formText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function formList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}
