/** The row answerer of `bench infer` from its settings (the --engine flags), in-process and in a worker alike. */
import type { RowAnswerer } from '../fidelity/infer/index.js';
import type { InferEngineSettings } from './job-schemas.js';

export async function createAnswererFromSettings(
  settings: InferEngineSettings,
  apiKey: string | undefined,
): Promise<RowAnswerer> {
  const infer = await import('../fidelity/infer/index.js');
  switch (settings.engine) {
    case 'replay':
      return infer.createReplayAnswerer();
    case 'hybrid':
      return infer.createHybridAnswerer({
        ...(settings.modelPaths === undefined ? {} : { modelPaths: settings.modelPaths }),
        timeoutMs: settings.timeoutMs,
        sequences: settings.sequences,
      });
    case 'local':
      return infer.createLocalAnswerer({
        ...(settings.modelPaths === undefined ? {} : { modelPaths: settings.modelPaths }),
        timeoutMs: settings.timeoutMs,
        sequences: settings.sequences,
      });
    case 'lwm':
      return infer.createOpenAiAnswerer({
        baseUrl: settings.baseUrl,
        model: settings.model,
        ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
        temperature: settings.temperature,
        topP: settings.topP,
        maxTokens: settings.maxTokens,
        tokenField: settings.tokenField,
        logprobs: settings.logprobs,
        ...(settings.extraBody === undefined ? {} : { extraBody: settings.extraBody }),
        timeoutMs: settings.timeoutMs,
      });
  }
}
