/** "1 story", "3 stories": a count with its noun, for any text Gazette prints (pages, CLI, log and error messages). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
