/** The real playwright-mcp engine now lives in src/engines/real/web/; test/web-real imports this helper from here. */
export { withoutFileTimes } from '../../src/engines/real/web/index.js';
