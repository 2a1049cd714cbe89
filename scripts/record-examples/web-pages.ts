/**
 * The local site the web recordings are made on: three static pages (a home page with links, a contact form
 * and a list) served by a tiny node:http server on 127.0.0.1. The form posts back to a thank-you page.
 */
import { createServer, type Server } from 'node:http';

const STYLE = '<meta charset="utf-8"><style>body{font-family:sans-serif;margin:2em}</style>';

export const LIBRARY_PAGES: Readonly<Record<string, string>> = {
  '/': `<!doctype html><html><head>${STYLE}<title>Corner Library</title></head><body>
<h1>Corner Library</h1>
<p>Opening hours: 9:00 to 18:00, Monday to Saturday.</p>
<nav><ul>
<li><a href="/books.html">New books</a></li>
<li><a href="/contact.html">Contact the librarian</a></li>
</ul></nav>
</body></html>`,
  '/books.html': `<!doctype html><html><head>${STYLE}<title>New books</title></head><body>
<h1>New books</h1>
<ul>
<li>The Salt Road (history)</li>
<li>Small Engines (technology)</li>
<li>Winter Orchard (novel)</li>
</ul>
<p><a href="/">Back to the home page</a></p>
</body></html>`,
  '/contact.html': `<!doctype html><html><head>${STYLE}<title>Contact the librarian</title></head><body>
<h1>Contact the librarian</h1>
<form action="/sent.html" method="get">
<p><label>Your name <input name="name" required></label></p>
<p><label>Topic <select name="topic"><option>Membership</option><option>Book request</option><option>Other</option></select></label></p>
<p><label><input type="checkbox" name="copy"> Send me a copy</label></p>
<p><button type="submit">Send message</button></p>
</form>
<p><a href="/">Back to the home page</a></p>
</body></html>`,
  '/sent.html': `<!doctype html><html><head>${STYLE}<title>Message sent</title></head><body>
<h1>Thank you</h1>
<p>Your message was sent. The librarian answers within two days.</p>
<p><a href="/">Back to the home page</a></p>
</body></html>`,
};

export interface PageServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves the pages on 127.0.0.1 at `port` (a fixed port keeps the recorded URLs stable). */
export function startPageServer(port: number): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      // No icon, but no 404 either: a missing icon would log a console error on whichever page asked first.
      response.writeHead(204);
      response.end();
      return;
    }
    const body = LIBRARY_PAGES[path];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>`,
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
