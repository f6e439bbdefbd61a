/** `1 head`, `2 heads`: a number with its word, plural when it is not one. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
