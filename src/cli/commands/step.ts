import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { SessionRecordSchema } from '../../core/turn.js';
import { parseWith } from '../../core/validation.js';
import { getDomain } from '../../domains/index.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import { Session } from '../../session/session.js';
import { readSpecFile } from '../../session/spec-file.js';
import { createEngineFromFlags, type EngineFlags } from '../engine-factory.js';

/**
 * One request of `agentworld step`. Give `spec` (a path, a bundled example name or an inline WorldSpec) to
 * start a session, or `session` (a record printed by an earlier call) to continue one. Without `action` the
 * call only resets.
 */
export const StepRequestSchema = z
  .object({
    spec: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    session: SessionRecordSchema.optional(),
    action: z.unknown().optional(),
    seed: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((request) => request.spec !== undefined || request.session !== undefined, {
    message: 'give "spec" to start a session or "session" to continue one',
    path: ['spec'],
  })
  .refine((request) => request.spec === undefined || request.session === undefined, {
    message: 'give either "spec" (start a session) or "session" (continue one), not both',
    path: ['session'],
  })
  .refine((request) => request.session === undefined || request.seed === undefined, {
    message: 'a continued session keeps its own seed; "seed" only goes with "spec"',
    path: ['seed'],
  });

async function readRequest(path: string | undefined): Promise<unknown> {
  const text = path === undefined || path === '-' ? await readStdin() : await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `The step request is not valid JSON: ${(error as Error).message}`,
    );
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY === true) {
    process.stderr.write('Reading one JSON step request from stdin; end it with Ctrl-D (see --help).\n');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `agentworld step`: one JSON request in (stdin or --request), one JSON result out. Exit code 1 on error. */
export async function runStep(flags: EngineFlags & { request?: string | undefined }): Promise<number> {
  // Ctrl-C or a supervisor's SIGTERM ends a running step with an ABORTED answer; a second signal kills.
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const { signal } = controller;
  try {
    const request = parseWith(
      StepRequestSchema,
      await readRequest(flags.request),
      'INVALID_REQUEST',
      'step request',
    );
    const spec = parseWorldSpec(
      request.session !== undefined
        ? request.session.spec
        : typeof request.spec === 'string'
          ? await readSpecFile(request.spec, { signal })
          : request.spec,
    );
    const engine = await createEngineFromFlags(flags, { signal, spec });
    try {
      let session: Session;
      let reset: unknown;
      if (request.session !== undefined) {
        session = Session.fromRecord({ ...request.session, spec }, getDomain(spec.domain), engine);
      } else {
        session = await createEnv(spec, { engine, signal });
        reset = await session.reset({ seed: request.seed, signal });
      }
      const result =
        request.action === undefined ? undefined : await session.step(request.action, { signal });
      process.stdout.write(
        `${JSON.stringify({ ok: true, ...(reset === undefined ? {} : { reset }), ...(result === undefined ? {} : { result }), session: session.toRecord() })}\n`,
      );
      return 0;
    } finally {
      await engine.close();
    }
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, ...toAgentWorldError(error).toJSON() })}\n`);
    return 1;
  } finally {
    process.removeListener('SIGINT', abort);
    process.removeListener('SIGTERM', abort);
  }
}
