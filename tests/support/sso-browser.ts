// A browser reduced to what a sign-in needs: follows redirects by hand, keeping each origin's
// cookies, so a test can walk Auth.js and an identity provider end to end over real HTTP.

type Jar = Map<string, string>;

export class CookieBrowser {
  private readonly jars = new Map<string, Jar>();

  cookiesOf(origin: string): Jar {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.cookiesOf(origin);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some(
        (a) =>
          /^\s*max-age=0\s*$/i.test(a) ||
          (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /**
   * Follows redirects from `response` through Auth.js (/api/auth) and the identity provider
   * until one lands on a page of the app: returns the URL the browser would finally show.
   */
  async follow(response: Response, appOrigin: string): Promise<URL> {
    let current = response;
    let url = new URL(current.url || appOrigin);
    for (let hops = 0; hops < 20; hops++) {
      const location = current.headers.get('location');
      if (!location || current.status < 300 || current.status >= 400) return url;
      url = new URL(location, url);
      if (url.origin === appOrigin && !url.pathname.startsWith('/api/auth/')) return url;
      current = await this.request(url.toString());
    }
    throw new Error('too many redirects');
  }
}
