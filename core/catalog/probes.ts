/**
 * The endpoints "Check now" asks, per Detour service, taken from what public availability
 * checkers use (reference/block-signatures.md, "Probe endpoints";
 * supported-regions.md, "Learning the exit country"). Data, so adding a service touches no logic.
 */
export interface Probe {
  id: string;
  /** Detour product slug the answer is about. */
  product: string;
  url: string;
  /** Extra request headers the checkers send (never cookies or real credentials). */
  headers?: Record<string, string>;
  /** HTTP statuses (after redirects) that mean the service answered normally. */
  okStatuses: ReadonlyArray<readonly [number, number]>;
  /** Where the service itself names the region in this answer, besides Cloudflare's trace. */
  regionHint?: 'gemini-alpha3' | 'copilot-region-code';
}

export interface ServiceProbes {
  probes: Probe[];
  /** The service's own host whose `/cdn-cgi/trace` names the exit country (Cloudflare-proxied hosts only). */
  traceHost?: string;
}

const SUCCESS = [[200, 299]] as const;

export const PROBES: Record<string, ServiceProbes> = {
  openai: {
    probes: [
      {
        // lmc999/RegionRestrictionCheck and xykt/IPQuality: `unsupported_country` in the body means refused.
        id: 'openai-cookie-requirements',
        product: 'api',
        url: 'https://api.openai.com/compliance/cookie_requirements',
        headers: { authorization: 'Bearer null' },
        // Served regions answer keyless API calls with 401 (block-signatures.md, round-2 probe facts).
        okStatuses: [...SUCCESS, [401, 401]],
      },
    ],
    // HsukqiLee/MediaUnlockTest ChatGPT.go; ipjudge check.sh.
    traceHost: 'chatgpt.com',
  },
  anthropic: {
    probes: [
      // RegionRestrictionCheck: following redirects, refused users end on /app-unavailable-in-region.
      { id: 'claude-home', product: 'claude-web', url: 'https://claude.ai/', okStatuses: SUCCESS },
    ],
    traceHost: 'claude.ai',
  },
  google: {
    probes: [
      // RegionRestrictionCheck / MediaUnlockTest: the page embeds the region as `,2,1,200,"XXX"` (alpha-3).
      {
        id: 'gemini-home',
        product: 'gemini-web',
        url: 'https://gemini.google.com/',
        okStatuses: SUCCESS,
        regionHint: 'gemini-alpha3',
      },
    ],
  },
  'microsoft-copilot': {
    probes: [
      // MediaUnlockTest Copilot.go: 403 = not available; 200 = JSON with `regionCode`.
      {
        id: 'copilot-user',
        product: 'copilot-web',
        url: 'https://copilot.microsoft.com/c/api/user?api-version=2',
        okStatuses: SUCCESS,
        regionHint: 'copilot-region-code',
      },
    ],
  },
  xai: {
    // MediaUnlockTest Grok.go: trace + home page, 403 = not available.
    probes: [{ id: 'grok-home', product: 'grok-web', url: 'https://grok.com/', okStatuses: SUCCESS }],
    traceHost: 'grok.com',
  },
};
