import { Agent, request } from 'node:http';

/**
 * A lean JSON client over keep-alive connections (one socket per concurrent request, no limit, and every idle
 * socket kept, as a trainer's connection pool keeps them between steps), so the load
 * generator costs as little CPU as a client can; the answer is read whole and parsed.
 */
export class JsonHttpClient {
  private readonly agent = new Agent({
    keepAlive: true,
    maxSockets: Number.POSITIVE_INFINITY,
    maxFreeSockets: Number.POSITIVE_INFINITY,
  });
  private readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL(baseUrl);
  }

  post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              resolve({
                status: response.statusCode ?? 0,
                body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
              });
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
