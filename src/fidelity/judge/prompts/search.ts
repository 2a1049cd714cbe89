import { textDomainPrompt } from './common.js';

/** Search results and fetched pages: a search query's result list or a page extractor's text. */
export const SEARCH_JUDGE_PROMPT = textDomainPrompt({
  environment:
    'The agent uses a web search tool (a numbered list of results, each with a URL, a title and a snippet) and a page extractor (the readable content of one page). The ground truth is what the real tools returned and is the reference for everything.',
  contentClasses: `- Content that appears in the ground truth: must match it; a different fact there is an error.
- Content the ground truth does not show: do not penalise it unless it clearly contradicts the ground truth or
  is implausible; dates, URLs and other metadata must at least look real.
- A prediction that contradicts the answer the ground truth supports gets the lowest Factuality.`,
  dimensions: `- Format: numbered entries with URL, title and snippet for searches, the page's own layout for extractions,
  and a well-formed structure throughout.
- Factuality: what the ground truth contains is reproduced faithfully; nothing contradicts it.
- Consistency: the same query or the same URL gives results consistent with earlier turns of the session.
- Realism: retrieval that behaves like the real engine — results relevant to the query as the ground truth's are,
  the most relevant ranked first, and the tool's usual behaviour kept.
- Quality: the results that matter (above all the top-ranked ones) are all present, and extractions are not
  padded with text the page does not hold.`,
});
