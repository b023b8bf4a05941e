// A chat-like page that streams token-sized text updates into the DOM, for the bench only.
// The bench calls window.__startStream({ tokens, durationMs, seed, bannerAtMs, bannerText,
// failBeforeBanner })
// and reads window.__bench. Same seed, same DOM work: every arm gets identical updates.
(() => {
  const WORDS = (
    'the a of to and in is it that for you with as on this be are or by model token stream answer ' +
    'function return value data request response error page user code example result country region ' +
    'service network browser extension time first second because however which ' +
    'would could should between through during before after while where there their about'
  ).split(' ');
  // Words a region-block prefilter may look for, at about the rate of a technical answer
  // (one in ~400 tokens): chats about availability are exactly what Detour's users have.
  const RARE = ['available', 'supported', 'support', 'unavailable', 'allowed', 'VPN'];
  const PUNCT = ['.', ',', ':', ';', '?', '!'];

  function seeded(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const state = {
    state: 'ready',
    startedAt: null,
    endedAt: null,
    tokens: 0,
    longBlocks: 0,
    bannerInsertedAt: null,
  };
  window.__bench = state;
  const thread = document.getElementById('thread');

  function newMessage() {
    const article = document.createElement('article');
    article.className = 'message assistant';
    const body = document.createElement('div');
    body.className = 'markdown';
    article.appendChild(body);
    thread.appendChild(article);
    return body;
  }

  function longBlock(random) {
    if (random() < 0.5) {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      const lines = [];
      for (let i = 0; i < 40; i++) {
        lines.push(
          `  const ${WORDS[Math.floor(random() * WORDS.length)]}${i} = await fetch(url${i}); // ${i}`,
        );
      }
      code.textContent = lines.join('\n');
      pre.appendChild(code);
      return pre;
    }
    const ul = document.createElement('ul');
    for (let i = 0; i < 8; i++) {
      const li = document.createElement('li');
      const words = [];
      for (let j = 0; j < 25; j++) words.push(WORDS[Math.floor(random() * WORDS.length)]);
      li.textContent = `${words.join(' ')}.`;
      ul.appendChild(li);
    }
    return ul;
  }

  function insertBanner(text) {
    // Nested like a real app's toast: an observer of body's children alone would miss it.
    const banner = document.createElement('div');
    banner.className = 'toast';
    banner.setAttribute('role', 'alert');
    const inner = document.createElement('div');
    const span = document.createElement('span');
    span.textContent = text;
    inner.appendChild(span);
    banner.appendChild(inner);
    document.body.appendChild(banner);
    state.bannerInsertedAt = performance.timeOrigin + performance.now();
  }

  window.__startStream = (options) => {
    const tokens = options.tokens;
    const durationMs = options.durationMs;
    const random = seeded(options.seed);
    const bannerAtMs = options.bannerAtMs ?? -1;
    let body = newMessage();
    let paragraph = document.createElement('p');
    body.appendChild(paragraph);
    let paragraphLeft = 30 + Math.floor(random() * 50);
    let messageLeft = 2500;
    let bannerDone = bannerAtMs < 0;
    let bannerPending = false;
    const t0 = performance.now();
    state.state = 'streaming';
    state.startedAt = performance.timeOrigin + t0;

    function appendToken() {
      const r = random();
      if (r < 0.002) {
        body.appendChild(longBlock(random));
        state.longBlocks++;
        paragraph = document.createElement('p');
        body.appendChild(paragraph);
      }
      const word =
        random() < 0.0025
          ? RARE[Math.floor(random() * RARE.length)]
          : WORDS[Math.floor(random() * WORDS.length)];
      const text = r > 0.93 ? PUNCT[Math.floor(random() * PUNCT.length)] : ` ${word}`;
      paragraph.appendChild(document.createTextNode(text));
      state.tokens++;
      if (--paragraphLeft === 0) {
        paragraph = document.createElement('p');
        body.appendChild(paragraph);
        paragraphLeft = 30 + Math.floor(random() * 50);
      }
      if (--messageLeft === 0) {
        body = newMessage();
        paragraph = document.createElement('p');
        body.appendChild(paragraph);
        messageLeft = 2500;
      }
    }

    function tick() {
      const elapsed = performance.now() - t0;
      const due = Math.min(tokens, Math.ceil((elapsed / durationMs) * tokens));
      while (state.tokens < due) appendToken();
      if (!bannerDone && !bannerPending && elapsed >= bannerAtMs) {
        if (options.failBeforeBanner) {
          // Like an app whose request to its own host fails and that shows why at once: the
          // banner goes in from the failed response's handler.
          bannerPending = true;
          fetch('/bench-request-fails', { method: 'POST' }).then(
            () => {
              insertBanner(options.bannerText);
              bannerDone = true;
            },
            () => {
              insertBanner(options.bannerText);
              bannerDone = true;
            },
          );
        } else {
          bannerDone = true;
          insertBanner(options.bannerText);
        }
      }
      if (state.tokens < tokens || !bannerDone) {
        setTimeout(tick, 0);
      } else {
        state.endedAt = performance.timeOrigin + performance.now();
        state.state = 'done';
      }
    }
    setTimeout(tick, 0);
  };
})();
