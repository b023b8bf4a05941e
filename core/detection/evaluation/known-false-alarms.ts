/**
 * Look-alikes of the held-out sets that the engine still raises, each with why no rule was
 * written for it. Listed once, for npm run eval and the tests that hold the engine to its figures:
 * both fail or say so if one of these is no longer raised or another look-alike is.
 */
/** The reasons set 38's look-alikes share: most are one kind of text no reading of the words can settle. */
const OUTSIDE_AI =
  "a region refusal by a service outside AI (a crypto wallet or exchange, a shop, a video or TV app, a CDN in front of a site, an app store), in a refusal's very words and naming no service the lists know: pasted, it reads as a refusal by an AI service not named";
const REPORTS =
  "a person's report of a region refusal by a service outside AI that the text does not name (a CDN's country block, a store's listing, a TV add-on): the same words a refused AI user pastes";
const QUOTED =
  "an explainer or news sentence quoting a region refusal of a service outside AI ('este error no debe confundirse con otro muy común: \"Este elemento no está disponible en tu país\"', 'geofencing protocols that trigger a This Image Is Not Available In Your Country'): the quote reads as the refusal it is";

/**
 * The seventh set's look-alikes still raised, and why no rule was written for them: each is a
 * person's reply that repeats a service's refusal in the service's own words, with nothing in the
 * text that tells it from the refusal pasted with a comment. The thirteenth set's are a service
 * outside AI refusing by region in the very shape of a refusal (since named as one:
 * look-alikes.json `otherServices`), and two write-ups that quote one inside their own prose. The
 * twentieth set's are services outside AI refusing by region in an AI service's words, with
 * nothing in the text that names them as such; the twenty-first and twenty-second sets' likewise,
 * three of them Google's own sanctions message. The twenty-seventh set's is the refusal's own code
 * in a how-to. The thirty-sixth set's is a help article's title that is the refusal itself,
 * translated, after its status. The thirty-seventh set's are region refusals by services outside
 * AI that the text does not name (a TV channel, a VPN extension, a refund site, an add-ons page, a
 * chat app's calls, a Microsoft 365 endpoint), read as refusals by an AI service not named, and a
 * maintainer quoting a refusal to deny it. The thirty-eighth set's are the same kind at scale,
 * from a sweep that sought texts of services outside AI: their own region refusals (a wallet's, an
 * exchange's, a shop's, a video app's, a CDN's), people's reports of them, and explainers quoting
 * them. The forty-seventh set's are video apps' region locks (NewPipe's, LibreTube's) in the
 * languages that gained lists from Google's and OpenAI's translations, naming no service. NewPipe's
 * in sixteen more of those languages then taught the lists forms they lacked, and its 'this content'
 * became a guard in twenty-one, as English's is, which left only the Georgian one, naming no
 * content. A news article of set 29 quoting Grok's own Spanish refusal has been raised since Spanish
 * 'no se admite' was learnt from set 48. The fifty-fourth set's are Anthropic's own region-refusal
 * body printed by two apps whose threads found another cause. The fifty-sixth set's are docs and
 * articles that quote a refusal in its own words: Claude Code's Chinese troubleshooting table with
 * its cells run together and an article listing two messages (its error-code tables, an install
 * guide's 'possible errors' heading and an essay on an app store's message then taught guards).
 * The fifty-eighth set's is a support index whose cards name the errors inside their titles. The
 * sixty-third set's are Google's sanctions page again (for golang.org, from Iran) and the Portuguese
 * edition of the news article quoting Grok's refusal in Cuba. The test fails if one is no longer
 * raised (take it off) or if any other look-alike is.
 */
export const KNOWN_FALSE_ALARMS: Record<string, string> = {
  'a7-summarize-site-maintainer-unsupported-country-reply':
    "a maintainer's \"I'm sorry, but it looks like OpenAI API isn't supported in your country\": services write the same ('Sorry, it looks like I'm not yet available in your region')",
  'b7-stakevladdracula-maintainer-quotes-gemini-location-zh':
    "Gemini's JSON message quoted, then the maintainer's diagnosis in Chinese; a user pasting the error with a comment writes the same",
  'b7-zapret-reply-quotes-gemini-not-supported-ru':
    "Gemini's sentence quoted, then a paragraph explaining that a DPI bypass cannot lift it; a user pasting it with a remark writes the same",
  't13a-techunwrapped-bard-not-in-europe-news':
    "a news paragraph quoting Bard's refusal as what 'we continued to obtain' from Spain: a first-person report like a user's paste, inside a long sentence of prose",
  'z20b-chrline-line-square-region':
    "LINE's 403 'This service isn't available in your region or app version.' in a client's log: a real region refusal by a messenger, in an AI service's very words, naming only 'Square' and 'LINE', which are ordinary words",
  'z20b-browser-calories-not-available-from-iran':
    "Google's sanctions page 'This service is not available from Iran.', pointing to Google Search's support: Google runs AI services too and its AI pages could say the same",
  'n21a-seriesguide-play-app-not-available-region-argentina':
    "Google Play's 'App is not available in your region' quoted in a bug report's steps: Claude's refusal says 'App unavailable' too, and the store is not named",
  'n21a-amo-page-not-available-in-your-region-copy':
    "Mozilla's add-ons site copy 'That page is not available in your region': a page refused in the reader's region, in words a service's block page could use",
  'n21b-allow-domains-coinpayments-region-ru':
    "a payment service 'не даёт совершить оплату. Говорит, недоступно в вашем регионе': the reported words are a refusal's, and the payment is in another sentence",
  'n21b-gsutil-403-service-not-available-from-country':
    "Google's sanctions message 'This service is not available from your country' through gsutil: Google runs AI services too, and its AI hosts could answer the same",
  'n21b-google-api-php-androidpublisher-403-country':
    "the same Google sanctions message from the Play Developer API, in a PHP client's exception",
  'n21b-pubky-currently-not-available-in-your-country':
    "a social app's UI text 'Currently not available in your country', reported as shown for every gateway error: the words of a refusal with no service named",
  'n21b-flutter-download-sudan-accessdenied-location':
    "Google Cloud Storage's 'We're sorry, but this service is not available in your location' for a download from Sudan: Google's sanctions page again",
  'k22a-safari-ext-app-not-offered-in-my-country-zh':
    "a question quoting the App Store's Chinese '我所在的国家暂时不提供此app': the store is not named, and an AI app's refusal in Chinese says the same of its app",
  'b27-ru-movienest-openai-from-russia-worker-guide':
    "a set-up guide opening with 'OpenAI blocks API requests from Russian IPs (error 403 unsupported_country_region_territory)': the refusal's own code in a how-to",
  't13a-openstory-pr-region-fallback-description':
    "a pull request's description quoting 'This model is not available in your region' in backticks inside its account of a signup from China; the PR's own words ('this PR', a changelog) are not in it",
  'a36-coreweave-403-title-ja':
    "a help article's Japanese title 'API エラーコード 403 - 国、リージョン、または地域がサポートされていません': OpenAI's 403 message in Japanese after its status, which is what a client relaying the refusal in Japanese would print",
  'a37-youview-itv-not-available-my-region':
    "a TV channel's region lock reported in a launcher's issue ('it says that its not available on my region'): a refusal by a service outside AI that names none the lists know",
  'b37-adguard-extension-region-reply':
    "a VPN vendor's reply 'The browser extension does not work in the region of your connection': a service outside AI refusing by region, naming none the lists know",
  'b37-aldrin-refund-451':
    "a crypto refund site's 451 page 'Sorry, Aldrin Refund Website is not available in your country.': a region refusal by a site outside AI, in an AI service's very words",
  'b37-amo-page-not-available-body':
    "the body of Mozilla's add-ons page 'The page you tried to access is not available in your region.' (its heading is listed above): the same page, the same words",
  'b37-notebooklm-py-not-region-explainer':
    "a maintainer denying a refusal by quoting it ('this is not (necessarily) \"NotebookLM isn't available in your region.\"'): the quoted words are a refusal's, and the denial is a word before the quote",
  'b37-rocketchat-calls-region-alert':
    "a chat app's own alert 'Video and Audio calls on your region are not available', quoted in a user's sentence: a region refusal by a service outside AI that the text does not name",
  'b37-teams-checklist-location-error':
    "Microsoft 365's deployment endpoint answering 'This service is not available in your location.' in a JSON error: a region refusal by a service outside AI, in an AI service's words and envelope",
  'a38-image-not-available-geofencing-news': QUOTED,
  'a38-kodi-amazon-not-available-in-your-country': REPORTS,
  'a38-play-store-item-not-available-es': QUOTED,
  'b38-bccom-borrow-userblocked-ru': OUTSIDE_AI,
  'b38-bccom-feature-not-available-en': OUTSIDE_AI,
  'b38-bccom-interest-regionblocked-ru': OUTSIDE_AI,
  'b38-bccom-rewards-regionblocked-pt': OUTSIDE_AI,
  'b38-cucumber-403-without-vpn': REPORTS,
  'b38-distribution-cloudfront-page-reports': REPORTS,
  'b38-dydx-perps-unavailable-ja': OUTSIDE_AI,
  'b38-dydx-perps-unavailable-ru': OUTSIDE_AI,
  'b38-laravel-manager-site-country': REPORTS,
  'b38-libretube-trending-ko': OUTSIDE_AI,
  'b38-libretube-trending-zh': OUTSIDE_AI,
  'b38-locast-cloudfront-explain': QUOTED,
  'b38-moby-cloudfront-kiev': REPORTS,
  'b38-muun-lnurl-country-en': OUTSIDE_AI,
  'b38-muun-lnurl-country-es': OUTSIDE_AI,
  'b38-nativescript-title': REPORTS,
  'b38-nova-crowdloan-region-msg-en': OUTSIDE_AI,
  'b38-nova-crowdloan-region-msg-ru': OUTSIDE_AI,
  'b38-nova-crowdloan-region-title-ru': OUTSIDE_AI,
  'b38-nova-crowdloan-region-title-vi': OUTSIDE_AI,
  'b38-nova-crowdloan-region-title-zh': OUTSIDE_AI,
  'b38-owntracks-ru-appstore': REPORTS,
  'b38-proxydomo-cloudfront-full': OUTSIDE_AI,
  'b38-pytoutv-contenu-pas-disponible': OUTSIDE_AI,
  'b38-pytoutv-title': OUTSIDE_AI,
  'b38-selldone-sku-db-fa': OUTSIDE_AI,
  'b38-selldone-sku-db-zh': OUTSIDE_AI,
  'b38-selldone-zip-zh-cn': OUTSIDE_AI,
  'b38-stashline-portugal': REPORTS,
  'b38-tonkeeper-desktop-region-zh': OUTSIDE_AI,
  'b38-toolbox-ukraine': REPORTS,
  'b38-webponize-canada': OUTSIDE_AI,
  'b38-ytdl-core-code150-country': OUTSIDE_AI,
  'a44-nextchat-location-howto':
    'a how-to whose title and first line quote Gemini\'s "User location is not supported for the API use" (关于 … 的解决方案, 如果你遇到了 … 的问题): Gemini\'s signature matches its exact words, as it must for a user who pastes the error with a comment in Chinese',
  'a47-ka-newpipe-geo': OUTSIDE_AI,
  'a47-lv-libretube-trend-region': OUTSIDE_AI,
  'e29-es-cibercuba-grok-cuba-article':
    "a news article quoting Grok's refusal as the answer its newsroom got from Cuba ('\"Grok no se admite en tu país en este momento\", fue la respuesta automática…'): the quote is Grok's own Spanish refusal, which the Spanish list reads since set 48 taught it 'no se admite'",
  'a54-oh-my-pi-anthropic-oauth-request-not-allowed':
    "Anthropic's region-refusal body word for word (403 forbidden 'Request not allowed'), which an agent's OAuth transport got for a trial seat that works in Claude Code on the same network: its thread tells the cause, its text cannot",
  'a54-bolt-request-not-allowed-pro-plan-fixed':
    'the same body shown by bolt.new during a wave of reports its team fixed the next day: a fault of the app, told by its thread, not by the words',
  'a56-claude-code-troubleshoot-install-zh-cn':
    "Claude Code's Chinese troubleshooting table, its cells run together as stored: the block page's title 'App unavailable in region' beside the doc's own explanation to the reader",
  'a56-juejin-claude-code-region-unavailable-zh':
    'an article saying users often meet 「地区不可用」 or 「Invalid API key」 after installing Claude Code: a general account around a quoted message',
  'b58-coreweave-ko-auth-cards':
    "CoreWeave's Korean support index: cards naming the 403 region error beside a 401 and another 403 inside their titles, not at the start of a line, where the catalogue guard looks",
  'a63-golang-org-403-iran-en':
    "Google's sanctions page 'We're sorry, but this service is not available in your country.' for golang.org, pasted by a developer in Iran: Google's sanctions page again",
  'b63-cibercuba-pt-grok-cuba-news':
    "the Portuguese edition of the news article quoting Grok's refusal from Cuba ('\"Grok não está disponível em seu país neste momento\", foi a resposta automática…'): Grok's own words, as its refusal shows them",
};

/**
 * Look-alikes of the held-out sets on which the "Check an error message" page offers to ask the
 * service (checkerGuess), each with why. Each is a client's hedged note, or ChatGPT's block page
 * pasted, that its collector labelled clean from what the thread found out, not from the text: the
 * same words are refusals in other sets, which is why the page asks the service instead of
 * deciding. The generalisation test fails if one no longer gets the offer or another look-alike does.
 */
export const GUESSED_LOOK_ALIKES: Record<string, string> = {
  'claude-code-econnrefused-hedged-note':
    "Claude Code's 'might not be available in your country' note after a failed connection from a supported country; the same note is a refusal in kimi-cc-claude-code-bad-request-box",
  'a6-clean-claude-code-digitalocean-ips-403-banner':
    "the same Claude Code note on servers in the USA, Germany and Israel: the provider's addresses were blocked, not a country",
  'a6-clean-opencursor-session-error-vps-ip-blocked':
    "a ChatGPT proxy's 'your country may not be supported yet' after a session error on a US server whose datacenter address was refused; the same note is a refusal in b7-moneyprinter-pawan-proxy-country-not-supported",
  'p10-pawan-chatgpt-proxy-country-maybe-cloudflare':
    'the same proxy note, which a US user got too: its thread traced it to Cloudflare throttling an address',
  'b7-fanqiang-chatgpt-unable-to-load-site-vpn-zh':
    "ChatGPT's 'Unable to load site … If you are using a VPN' page pasted, seen through a US server whose data-centre address was refused; the same page is a refusal in b5-hiddify-chatgpt-unable-to-load-site-fa",
  'b7-rawchat-unable-to-load-site-cloudflare-zh':
    "the same ChatGPT page, shown by a self-hosted mirror behind Cloudflare: the mirror's address was refused, not the reader's region",
  'a23-ccr-unable-to-connect-note-country-bypassed-router':
    "Claude Code's note again, started through a router its configuration bypassed: a set-up problem, which the check tells apart by answering normally",
  'a62-opencursor-proxy-country-guess-maintenance':
    "the same proxy note once more, shown while the proxy's site was under maintenance and to US users too: the check tells an outage apart by the service answering",
  'b66-freegpt35-us-vps-country-may-not-be-supported':
    'the same note from another ChatGPT proxy, deployed on a US VPS whose address its owner found banned: an address refused, not a country',
  'b66-opencursor-la-server-generic-country-message':
    "the first proxy's note again, on a server in Los Angeles whose address its maintainer found blocked for not being residential",
};
