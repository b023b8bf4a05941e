/**
 * What the engine must say about each reference case (reference/block-signatures.json):
 * the service (and product) each block is attributed to, the country it names, and the few
 * block cases that stay clean by design, each with its reason. Shared by the signature tests
 * and the generalisation measurement (npm run eval).
 */

/** Block signatures that stay clean on purpose: text and context cannot tell them from other failures. */
export const CLEAN_BY_DESIGN: Record<string, string> = {
  'chatgpt-cf-1020-2023-access-denied':
    'weak signal: Cloudflare 1020 is a firewall-rule block; nothing in it says region, and OpenAI stopped using it for regions in 2023',
  'claude-code-cli-might-not-be-available':
    'weak signal: Claude Code prints this hedged note ("might not be available") for any connection failure',
  'claude-web-403-status-2023': 'weak signal: a bare 403 with no body; status alone never blocks',
  'gemini-probe-available-marker-absent':
    'weak signal: the absence of a feature-flag token is a probe heuristic, not a message',
  'aistudio-access-restricted':
    'weak signal: only the heading "Access restricted" is quoted (paraphrase); AI Studio also restricts by age and account',
  'github-copilot-vpn-circumvention-failed-models':
    'weak signal: "Failed to fetch models" is a generic failure; only the maintainer knew it was a trade block',
  'ms-fabric-copilot-geographic-capacity':
    'judgement: "geographic or capacity restrictions" is ambiguous and the reporter\'s cause was capacity (see neg-fabric-copilot-capacity)',
  'gemini-zh-user-paraphrase-region-unsupported':
    "weak signal: users' paraphrase; Google's exact Chinese banner was not found",
  'claude-install-sh-html-instead-of-script':
    'weak signal: a bash syntax error from piping any HTML into bash; paraphrased status',
  'ms-copilot-api-user-302-banned': 'weak signal: a probe heuristic, a 302 to "/" with no message',
  'ms-copilot-api-user-403': 'weak signal: a 403 with no body recorded; status alone never blocks',
  'groq-console-hk-forbidden': 'weak signal: the page says only "Forbidden", like any other 403',
};

/** The service (and, where it matters, the product) each block case must be attributed to. */
export const EXPECTED_SERVICE: Record<string, string> = {
  'openai-api-403-unsupported-country-region-territory': 'openai/api',
  'openai-api-403-unsupported-country-pretty-json': 'openai/api',
  'openai-cli-http-status-403-text': 'openai/api',
  'openai-auth-oops-unsupported-country-2023': 'openai/chatgpt',
  'openai-auth-access-denied-unsupported-country': 'openai/chatgpt',
  'chatgpt-unable-to-load-site-vpn': 'openai/chatgpt',
  'chatgpt-unable-to-load-site-html-snippet': 'openai/chatgpt',
  'anthropic-api-403-request-not-allowed': 'anthropic/api',
  'anthropic-api-403-request-not-allowed-claude-code': 'anthropic/api',
  'anthropic-bedrock-validation-unsupported-countries': 'aws-bedrock',
  'claude-web-app-unavailable-2024': 'anthropic/claude-web',
  'claude-web-app-unavailable-2025-claude-com': 'anthropic/claude-web',
  'claude-web-title-app-unavailable-in-region': 'anthropic/claude-web',
  'claude-redirect-app-unavailable-anthropic-com': 'anthropic/claude-web',
  'claude-redirect-app-unavailable-claude-com': 'anthropic/claude-web',
  'claude-in-slack-region': 'anthropic',
  'gemini-api-400-user-location-native-json': 'google/gemini-api',
  'gemini-api-400-python-sdk': 'google/gemini-api',
  'gemini-api-grpc-url-form': 'google/gemini-api',
  'gemini-openrouter-provider-returned-error': 'google/gemini-api',
  'gemini-web-not-supported-country-stay-tuned': 'google/gemini-web',
  'gemini-web-curly-apostrophe-variant': 'google/gemini-web',
  'aistudio-redirect-available-regions': 'google/ai-studio',
  'github-copilot-token-403-trade-restricted-log': 'github-copilot',
  'github-copilot-token-envelope-trade-restricted': 'github-copilot',
  'ms-copilot-powerpages-not-yet-region': 'microsoft-copilot',
  'chatgpt-italy-disabled-2023': 'openai/chatgpt',
  'lobechat-location-not-support-zh': 'lobechat',
  'metaai-abra-geoblocked-error': 'meta',
  'metaai-page-marker-abrageoblockederrorroot': 'meta',
  'cerebras-cf-1009-country-banned': 'cloudflare',
  'cf-1009-generic-country-ban-html': 'cloudflare',
  'minicpm-service-not-covered-zh': 'openbmb',
  'apple-intelligence-not-available-country': 'apple',
  'grok-com-service-not-available-region': 'xai/grok-web',
  'opencode-zen-regionerror-403': 'opencode',
  'azure-marketplace-availability-not-in-region': 'microsoft-azure',
  'openai-telegram-bot-relayed-reason': 'openai/api',
  'cursor-model-not-available-region': 'cursor',
  'openrouter-403-model-not-available-region': 'openrouter',
  'opencode-go-upstream-unsupported-country': 'openai',
  'zed-451-anthropic-region-im': 'zed',
  'zed-451-anthropic-data-center-hkg': 'zed',
  'zed-451-anthropic-region-2024': 'zed',
  'openai-go-openai-403-country': 'openai',
  'openai-home-assistant-wrapped-403': 'openai',
  'openai-auth-token-refresh-403-unsupported-country': 'openai',
  'chatgpt-auth-page-zh-official': 'openai/chatgpt',
  'chatgpt-auth-page-en-2026-fixture': 'openai/chatgpt',
  'chatgpt-mobile-cf-details-disallowed-isp': 'openai/chatgpt',
  'claude-install-sh-html-title-2026-01': 'anthropic/claude-web',
  'claude-redirect-302-fixture': 'anthropic/claude-web',
  'claude-code-auth-login-403-slug': 'anthropic/claude-web',
  'gemini-api-free-tier-not-available-country-sdk': 'google/gemini-api',
  'aistudio-redirect-target-en': 'google/ai-studio',
  'aistudio-redirect-target-de': 'google/ai-studio',
  'aistudio-redirect-target-ja': 'google/ai-studio',
  'aistudio-redirect-target-pt-br': 'google/ai-studio',
  'aistudio-redirect-target-vi': 'google/ai-studio',
  'aistudio-redirect-target-es': 'google/ai-studio',
  'google-opal-region-restricted': 'google/opal',
  'notebooklm-location-unsupported-redirect': 'google/notebooklm',
  'metaai-region-after-login': 'meta',
  'xai-api-region-marker': 'xai/api',
  'ms-copilot-cf-1009-marker': 'microsoft-copilot/copilot-web',
  'bing-chat-zh-service-unavailable-region': 'microsoft-copilot/bing-chat',
  'github-copilot-extension-activation-failed': 'github-copilot',
  // Recognised by their wording: a refusal addressed to the reader ("your region", 当前地区).
  'ms-copilot-web-not-available-region': 'microsoft-copilot/copilot-web',
  // Pasted text that names no service: who refused is "an AI service (not named)".
  'ms-copilot-word-zh-unsupported-region': 'unnamed-ai',
};

/** Countries the block names, captured into the verdict. */
export const EXPECTED_COUNTRY: Record<string, string> = {
  'cerebras-cf-1009-country-banned': 'CN',
  'cf-1009-generic-country-ban-html': 'MM',
  'zed-451-anthropic-region-im': 'IM',
  'azure-marketplace-availability-not-in-region': 'JP',
};
