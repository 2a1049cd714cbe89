import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes JSONL to a temporary file beside `path` and renames it over `path` on `commit`, so a crash or an error
 * never leaves a half-written output (and never touches an existing one). Respects backpressure.
 */
export class AtomicJsonlWriter {
  private constructor(
    readonly path: string,
    private readonly temporary: string,
    private readonly stream: WriteStream,
  ) {}

  static async open(path: string): Promise<AtomicJsonlWriter> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    const stream = createWriteStream(temporary, { encoding: 'utf8' });
    await once(stream, 'open');
    return new AtomicJsonlWriter(path, temporary, stream);
  }

  async write(value: unknown): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await rename(this.temporary, this.path);
  }

  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.temporary, { force: true });
  }
}
