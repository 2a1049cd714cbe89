/** The fidelity stages' result files are the shared append-only result log (src/core/result-log.ts). */
export {
  ResultLog,
  type ResultLogContents,
  type ResultLogFormat,
  readResultLog,
} from '../../core/result-log.js';
