/** The scripted server's token arithmetic: four characters make one token. */
export const CHARS_PER_TOKEN = 4;

/** Approximate tokens of a text (four characters a token). */
export function approximateTokens(characters: number): number {
  return Math.ceil(characters / CHARS_PER_TOKEN);
}
