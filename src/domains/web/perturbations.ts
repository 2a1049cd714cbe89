import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { captcha } from './perturbations/captcha.js';
import { cookieBanner } from './perturbations/cookie-banner.js';
import { endlessSpinner } from './perturbations/endless-spinner.js';
import { loginWall } from './perturbations/login-wall.js';
import { popupModal } from './perturbations/popup-modal.js';
import { serverErrorPage } from './perturbations/server-error-page.js';
import { sessionExpiry } from './perturbations/session-expiry.js';

export { CaptchaParamsSchema, captcha as webCaptcha } from './perturbations/captcha.js';
export { CookieBannerParamsSchema, cookieBanner as webCookieBanner } from './perturbations/cookie-banner.js';
export {
  EndlessSpinnerParamsSchema,
  endlessSpinner as webEndlessSpinner,
} from './perturbations/endless-spinner.js';
export { LoginWallParamsSchema, loginWall as webLoginWall } from './perturbations/login-wall.js';
export { PopupModalParamsSchema, popupModal as webPopupModal } from './perturbations/popup-modal.js';
export {
  ServerErrorPageParamsSchema,
  serverErrorPage as webServerErrorPage,
} from './perturbations/server-error-page.js';
export {
  SessionExpiryParamsSchema,
  sessionExpiry as webSessionExpiry,
} from './perturbations/session-expiry.js';

/**
 * The web domain's perturbation catalog: things a site puts in front of its content (cookie banners, pop-ups,
 * sign-in walls, bot checks) and pages that fail (server errors, endless loading, an expired session), rendered
 * into BrowserGym accessibility trees or Playwright MCP snapshots.
 */
export const webPerturbations: readonly AnyPerturbationDefinition[] = [
  cookieBanner,
  loginWall,
  serverErrorPage,
  endlessSpinner,
  sessionExpiry,
  captcha,
  popupModal,
];
