/**
 * The turing run's manifest (`<out>.manifest.json`): written on the first run, and a resumed run that would ask
 * a different judge, with different parameters, another question or another A/B order is refused, the
 * differences named.
 */
import { manifestStore } from '../run/manifest.js';
import { type TuringManifest, TuringManifestSchema } from './schemas.js';

const turingManifests = manifestStore({
  schema: TuringManifestSchema,
  label: 'turing manifest',
  /** What two runs must share to write to one file (paths, URLs, dates and versions may differ). */
  answerDefining: (manifest) => ({
    seed: manifest.seed,
    judge: {
      name: manifest.judge.name,
      parameters: manifest.judge.parameters,
      promptHashes: manifest.judge.promptHashes,
    },
    model: manifest.model ?? null,
  }),
  refuseUnpinned: (resultPath, manifestFile) =>
    `${resultPath} already holds verdicts but has no manifest (${manifestFile}); write to a new file.`,
  refuseDifferent: (resultPath) =>
    `${resultPath} was produced by a different turing run; refusing to mix verdicts.`,
});

export const turingManifestDifferences: (existing: TuringManifest, proposed: TuringManifest) => string[] =
  turingManifests.differences;
export const readTuringManifest: (resultPath: string) => Promise<TuringManifest | undefined> =
  turingManifests.read;
/** Writes the manifest, keeps an agreeing one, refuses a differing one (or lines without any manifest). */
export const pinTuringManifest: (
  resultPath: string,
  proposed: TuringManifest,
  resultFileHasLines: boolean,
) => Promise<TuringManifest> = turingManifests.pin;
