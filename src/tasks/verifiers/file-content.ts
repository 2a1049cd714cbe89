import { posix } from 'node:path';
import type { z } from 'zod';
import type { SweLedger } from '../../domains/swe/ledger.js';
import type { TerminalLedger } from '../../domains/terminal/ledger.js';
import type { FileContentVerifierSchema } from '../task-schema.js';
import { finalLedger } from './final-ledger.js';
import { quote, regexProblem, result, type Verifier } from './types.js';

type FileContentVerifier = z.infer<typeof FileContentVerifierSchema>;

const USE_REAL_CHECK = 'use a real-check verifier to read the file in the real sandbox';

function contentVerdict(verifier: FileContentVerifier, content: string): { ok: boolean; detail: string } {
  const failures: string[] = [];
  if (verifier.equals !== undefined && content !== verifier.equals) {
    failures.push(`is not exactly ${quote(verifier.equals)}`);
  }
  if (verifier.contains !== undefined && !content.includes(verifier.contains)) {
    failures.push(`does not contain ${quote(verifier.contains)}`);
  }
  if (verifier.regex !== undefined && !new RegExp(verifier.regex, 'm').test(content)) {
    failures.push(`does not match /${verifier.regex}/`);
  }
  return failures.length === 0
    ? { ok: true, detail: `${verifier.path} has the expected content` }
    : { ok: false, detail: `${verifier.path} ${failures.join(', ')} (content ${quote(content)})` };
}

const asksContent = (verifier: FileContentVerifier): boolean =>
  verifier.equals !== undefined || verifier.contains !== undefined || verifier.regex !== undefined;

/**
 * A file's final state from the domain's ledger. The swe ledger knows the content of files written or edited with
 * the harness's file tools (and of the initial files); a shell command that may change a file makes it unknown.
 * The terminal ledger knows only which paths the agent created or removed with obvious commands, never their
 * content. What the ledger cannot know scores 0 with the reason: a real-check verifier reads the real file.
 */
export const fileContentVerifier: Verifier<FileContentVerifier> = {
  type: 'file-content',
  domains: ['terminal', 'swe'],
  problem(verifier) {
    if (!verifier.path.startsWith('/')) return `path ${quote(verifier.path)} is not absolute`;
    if (verifier.absent === true && asksContent(verifier)) {
      return '"absent" cannot be combined with equals, contains or regex';
    }
    return regexProblem('regex', verifier.regex);
  },
  async verify(verifier, context) {
    const path = posix.normalize(verifier.path);
    if (context.spec.domain === 'terminal') {
      const ledger = finalLedger(context) as TerminalLedger;
      const mark = ledger.files[path];
      if (verifier.absent === true) {
        return mark === 'removed'
          ? result(verifier, 1, `${path} was removed`)
          : result(
              verifier,
              0,
              mark === undefined
                ? `the terminal ledger does not know whether ${path} exists; ${USE_REAL_CHECK}`
                : `${path} exists (${mark})`,
            );
      }
      if (mark !== 'file') {
        return result(
          verifier,
          0,
          mark === undefined
            ? `the terminal ledger saw no command create ${path} (a file written by a program is invisible to it); ${USE_REAL_CHECK}`
            : `${path} is ${mark === 'removed' ? 'removed' : 'a directory'}`,
        );
      }
      if (!asksContent(verifier)) return result(verifier, 1, `${path} was created`);
      return result(
        verifier,
        0,
        `${path} was created, but the terminal ledger does not follow file contents; ${USE_REAL_CHECK}`,
      );
    }
    const ledger = finalLedger(context) as SweLedger;
    const state = ledger.files[path];
    if (verifier.absent === true) {
      if (state?.content !== undefined) return result(verifier, 0, `${path} exists`);
      return result(verifier, 0, `the swe ledger does not know whether ${path} exists; ${USE_REAL_CHECK}`);
    }
    if (state?.content === undefined) {
      return result(
        verifier,
        0,
        `the swe ledger does not know the content of ${path} (${
          state === undefined
            ? 'never written with a file tool, or changed by a shell command'
            : 'only parts were read'
        }); ${USE_REAL_CHECK}`,
      );
    }
    const verdict = contentVerdict(verifier, state.content);
    return result(verifier, verdict.ok ? 1 : 0, verdict.detail);
  },
};
