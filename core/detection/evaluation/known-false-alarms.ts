/**
 * Look-alikes of the held-out sets that the engine still raises, each with why no rule was
 * written for it. Listed once, for npm run eval and the tests that hold the engine to its figures:
 * both fail or say so if one of these is no longer raised or another look-alike is.
 */
/**
 * The seventh set's look-alikes still raised, and why no rule was written for them: each is a
 * person's reply that repeats a service's refusal in the service's own words, with nothing in the
 * text that tells it from the refusal pasted with a comment. The thirteenth set's are a service
 * outside AI refusing by region in the very shape of a refusal, and two write-ups that quote one
 * inside their own prose. The test fails if one is no longer raised (take it off) or if
 * any other look-alike is.
 */
export const KNOWN_FALSE_ALARMS: Record<string, string> = {
  'a7-summarize-site-maintainer-unsupported-country-reply':
    "a maintainer's \"I'm sorry, but it looks like OpenAI API isn't supported in your country\": services write the same ('Sorry, it looks like I'm not yet available in your region')",
  'b7-stakevladdracula-maintainer-quotes-gemini-location-zh':
    "Gemini's JSON message quoted, then the maintainer's diagnosis in Chinese; a user pasting the error with a comment writes the same",
  'b7-zapret-reply-quotes-gemini-not-supported-ru':
    "Gemini's sentence quoted, then a paragraph explaining that a DPI bypass cannot lift it; a user pasting it with a remark writes the same",
  't13b-trtc-sdk-services-not-available-region-zh':
    "Tencent RTC's SDK log 'Reason: Services are not available in your region.': a real region refusal, of a calling SDK rather than an AI service, in words AI services use too",
  't13a-techunwrapped-bard-not-in-europe-news':
    "a news paragraph quoting Bard's refusal as what 'we continued to obtain' from Spain: a first-person report like a user's paste, inside a long sentence of prose",
  't13a-openstory-pr-region-fallback-description':
    "a pull request's description quoting 'This model is not available in your region' in backticks inside its account of a signup from China; the PR's own words ('this PR', a changelog) are not in it",
};
