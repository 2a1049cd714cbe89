import type { z } from 'zod';
import type { PageReachedVerifierSchema } from '../task-schema.js';
import { quote, regexProblem, result, type Verifier } from './types.js';

type PageReachedVerifier = z.infer<typeof PageReachedVerifierSchema>;

/** `https://a.b/c/` and `https://a.b/c` are the same page; so are `#fragment`-only differences. */
export function sameUrl(a: string, b: string): boolean {
  const clean = (url: string) => url.trim().replace(/#.*$/, '').replace(/\/+$/, '');
  return clean(a) === clean(b);
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The web ledger's visited URLs (and, for `contains`, the current page and its title). */
export const pageReachedVerifier: Verifier<PageReachedVerifier> = {
  type: 'page-reached',
  domains: ['web'],
  problem(verifier) {
    if (verifier.url === undefined && verifier.urlRegex === undefined && verifier.contains === undefined) {
      return 'give url, urlRegex or contains';
    }
    return regexProblem('urlRegex', verifier.urlRegex);
  },
  async verify(verifier, context) {
    const visited = strings(context.ledger.visited);
    const failures: string[] = [];
    if (verifier.url !== undefined && !visited.some((url) => sameUrl(url, verifier.url as string))) {
      failures.push(`never visited ${verifier.url}`);
    }
    if (verifier.urlRegex !== undefined) {
      const regex = new RegExp(verifier.urlRegex);
      if (!visited.some((url) => regex.test(url)))
        failures.push(`no visited URL matches /${verifier.urlRegex}/`);
    }
    if (verifier.contains !== undefined) {
      const page = `${String(context.ledger.title ?? '')}\n${String(context.ledger.page ?? '')}`;
      if (!page.includes(verifier.contains))
        failures.push(`the final page does not show ${quote(verifier.contains)}`);
    }
    const seen = `visited: ${visited.length === 0 ? '(none)' : visited.join(' → ')}`;
    return failures.length === 0
      ? result(verifier, 1, `page reached; ${seen}`)
      : result(verifier, 0, `${failures.join('; ')}; ${seen}`);
  },
};
