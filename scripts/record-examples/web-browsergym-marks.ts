/** BrowserGym's element marking now lives with the real web engine; scripts/capture-web imports it from here. */
export { browserGymAxTree } from '../../src/engines/real/web/browsergym-marks.js';
