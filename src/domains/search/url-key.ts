/**
 * The key under which a URL is remembered, so that small spelling differences between a search result and a
 * later extraction still match: scheme, `www.`, fragment, trailing slash and host case are ignored.
 */
export function urlKey(url: string): string {
  let text = url.trim().replace(/#.*$/, '');
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = text.indexOf('/');
  const host = (slash === -1 ? text : text.slice(0, slash)).toLowerCase().replace(/^www\./, '');
  const rest = slash === -1 ? '' : text.slice(slash);
  return `${host}${rest}`.replace(/\/+$/, '');
}

/** Whether a token looks like a URL (with a scheme, or a bare host name with a dot). */
export function looksLikeUrl(token: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(token) || /^[\w-]+(\.[\w-]+)+(?::\d+)?(\/\S*)?$/.test(token);
}
