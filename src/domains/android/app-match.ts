import type { AndroidScreen } from './screen.js';
import { foregroundAppOf } from './screen.js';

const STOP_WORDS = new Set([
  'the',
  'app',
  'pro',
  'simple',
  'and',
  'for',
  'google',
  'android',
  'lite',
  'free',
]);

/** Common app names whose package does not contain the name. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  files: ['documentsui', 'files'],
  phone: ['dialer'],
  messages: ['messaging', 'mms'],
  gallery: ['gallery', 'photos'],
  clock: ['deskclock', 'clock'],
  'play store': ['vending'],
  maps: ['maps'],
  youtube: ['youtube'],
  gmail: ['gm'],
};

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The words of an app name worth matching (and their aliases). */
export function appNameTokens(appName: string): string[] {
  const lower = appName.toLowerCase().trim();
  const words = lower.split(/[^a-z0-9]+/).filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
  const tokens = words.length > 0 ? words : [squash(lower)];
  return [...tokens, ...(ALIASES[lower] ?? [])].filter((token) => token.length > 0);
}

/**
 * Whether a screen shows the app `appName` in front: its package or app label contains a significant word of
 * the name (or a known alias). Undefined when the screen names no app at all.
 */
export function screenShowsApp(screen: AndroidScreen, appName: string): boolean | undefined {
  const app = foregroundAppOf(screen);
  if (app === undefined) return undefined;
  const candidates = [app.name, app.packageName ?? ''].map(squash).filter((text) => text.length > 0);
  return appNameTokens(appName).some((token) => candidates.some((candidate) => candidate.includes(token)));
}

/** Whether a ledger's foreground app (a package or a name) is the app `appName`. */
export function foregroundIsApp(foreground: string | null, appName: string): boolean {
  if (foreground === null) return false;
  const candidate = squash(foreground);
  return appNameTokens(appName).some((token) => candidate.includes(token));
}

/** Whether the foreground app is a home-screen launcher. */
export function isLauncher(foreground: string | null): boolean {
  return foreground !== null && /launcher|\bhome\b/i.test(foreground);
}
