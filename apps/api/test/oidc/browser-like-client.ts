/** A cookie as a browser keeps it: per host (not port, as browsers do) and path. */
type StoredCookie = { host: string; name: string; value: string; path: string };

/** One hop of a redirect chain. */
export type Hop = { url: string; status: number; location: string | null };

/**
 * Real HTTP as a browser does it for a redirect-based sign-in: fetch with manual redirects and a
 * cookie jar (Set-Cookie in, Cookie out, Max-Age=0 deletes), following Location headers.
 */
export function createBrowserLikeClient() {
  const jar: StoredCookie[] = [];

  function store(url: URL, headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? '/';
      const expired = attr('max-age') === '0' || value === '';
      const index = jar.findIndex((c) => c.host === url.hostname && c.name === name && c.path === path);
      if (index >= 0) jar.splice(index, 1);
      if (!expired) jar.push({ host: url.hostname, name, value, path });
    }
  }

  const cookieHeader = (url: URL) =>
    jar
      .filter((c) => c.host === url.hostname && url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');

  async function get(target: string): Promise<Hop> {
    const url = new URL(target);
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(url) } });
    store(url, response.headers);
    await response.arrayBuffer();
    const location = response.headers.get('location');
    return { url: url.toString(), status: response.status, location: location && new URL(location, url).toString() };
  }

  return {
    get,
    /** Follows redirects from `start` until `stop` accepts a URL (not fetched) or none is left; returns every hop. */
    async follow(start: string, stop: (url: string) => boolean, maxHops = 20): Promise<{ hops: Hop[]; final: string }> {
      const hops: Hop[] = [];
      let next: string | null = start;
      while (next && !stop(next)) {
        if (hops.length >= maxHops) throw new Error(`More than ${maxHops} redirects: ${next}`);
        const hop = await get(next);
        hops.push(hop);
        if (hop.status < 300 || hop.status >= 400) throw new Error(`Stopped at ${hop.url}: HTTP ${hop.status}`);
        next = hop.location;
      }
      return { hops, final: next ?? '' };
    },
  };
}
