/**
 * True for addresses and host names only this machine can reach: IPv4 127/8, ::1, `localhost` (also with the
 * root's trailing dot, `localhost.`), and IPv4-mapped 127/8 (`::ffff:127.0.0.1`, or as a URL writes it,
 * `::ffff:7f00:1`). Case does not matter; IPv6 may come in brackets.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(bare) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(bare) ||
    /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(bare)
  );
}
