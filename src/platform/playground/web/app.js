// The local playground page: a small Microsoft Teams workspace in the browser. It talks only to its own
// server (/playground/api/*, /playground/events), renders the bot's Adaptive Cards with the official
// adaptivecards 3.0.6 bundle (global AdaptiveCards) and never builds HTML from server strings except
// through markdown() below, which escapes everything first.

(() => {
  const API = '/playground/api';
  const STORE = {
    as: 'mailops.playground.as',
    lang: 'mailops.playground.lang',
    open: 'mailops.playground.open',
  };
  const LANGS = ['ms', 'en'];
  const MYT = 'Asia/Kuala_Lumpur';
  const FONT_STACK =
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';
  const CHAT = 'chat';
  const AVATAR_COLOURS = [
    '#8a4b0f',
    '#0f6b5c',
    '#6b3fa0',
    '#a3324f',
    '#2f5f98',
    '#5c6b0f',
    '#7a4a66',
    '#3c6e47',
  ];

  /** Everything the page knows. `open` is the conversation id on screen, `me` the person the page acts as. */
  const state = {
    lang: 'ms',
    texts: {},
    people: [],
    channels: [],
    me: null,
    open: null,
    unread: new Set(),
    /** message id -> { sig, data, el } for the open conversation */
    rendered: new Map(),
    dividers: new Map(),
    /** message ids whose card has an action in flight */
    inflight: new Set(),
    // When an action on a message last finished: a fetch begun before it must not redraw that card.
    actedAt: new Map(),
    deferredRefresh: false,
    ticketOpen: new Map(),
    /**
     * message id -> { text, kind }: the bot's answer to this person's last action on that card ("already
     * decided by …"). Kept apart from the message element, which a redraw of the card replaces, so the answer
     * stays until the person dismisses it or acts on the card again.
     */
    answers: new Map(),
  };

  const $ = (id) => document.getElementById(id);
  const els = {
    app: $('app'),
    identity: $('identity'),
    identityDetail: $('identity-detail'),
    channels: $('channels'),
    chats: $('chats'),
    connection: $('connection'),
    name: $('conversation-name'),
    hint: $('conversation-hint'),
    messages: $('messages'),
    form: $('composer-form'),
    composer: $('composer'),
    composerLabel: $('composer-label'),
    send: $('send'),
    composerError: $('composer-error'),
    tickets: $('tickets'),
    ticketsUpdated: $('timeline-updated'),
    fatal: $('fatal'),
    fatalDetail: $('fatal-detail'),
    fatalRetry: $('fatal-retry'),
  };

  // ---------------------------------------------------------------- texts

  function t(key, params = {}) {
    const text = Object.hasOwn(state.texts, key) ? state.texts[key] : key;
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  }

  function applyStaticTexts() {
    document.documentElement.lang = state.lang;
    document.title = t('playground.title');
    for (const el of document.querySelectorAll('[data-text]')) el.textContent = t(el.dataset.text);
    for (const el of document.querySelectorAll('[data-aria-label]')) {
      el.setAttribute('aria-label', t(el.dataset.ariaLabel));
    }
    els.composer.placeholder = t('playground.composer.placeholder');
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
    }
  }

  // ---------------------------------------------------------------- safe markdown

  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
  // Stashed HTML fragments travel through the text as \uE000<n>\uE001 (private-use characters, removed
  // from the input first) so later rules cannot reach into them.
  const TOKEN = /\uE000(\d+)\uE001/g;

  function emphasis(html) {
    return html
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g, '$1<em>$2</em>')
      .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1<em>$2</em>');
  }

  function inline(line) {
    const stash = [];
    const keep = (html) => `\uE000${stash.push(html) - 1}\uE001`;
    let html = escapeHtml(line);
    html = html.replace(/`([^`]+)`/g, (_, code) => keep(`<code>${code}</code>`));
    html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/gi, (_, text, url) =>
      keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${emphasis(text)}</a>`),
    );
    html = html.replace(
      /(^|[\s(*])(https?:\/\/[^\s<*]*[^\s<*_.,;:!?)'"])/gi,
      (_, before, url) =>
        `${before}${keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`)}`,
    );
    html = emphasis(html);
    // Twice: a link's text may itself hold a stashed code span.
    return html.replace(TOKEN, (_, i) => stash[Number(i)]).replace(TOKEN, (_, i) => stash[Number(i)]);
  }

  /** Markdown-ish text to HTML: paragraphs, line breaks, "- " and "1. " lists, **bold**, _italic_, `code`, links. */
  function markdown(source) {
    const lines = String(source ?? '')
      .replace(/[\uE000\uE001]/g, '')
      .replace(/\r\n?/g, '\n')
      .split('\n');
    const out = [];
    let paragraph = [];
    let list = null;
    const flushParagraph = () => {
      if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
      paragraph = [];
    };
    const flushList = () => {
      if (list)
        out.push(
          `<${list.tag}>${list.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${list.tag}>`,
        );
      list = null;
    };
    for (const line of lines) {
      const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      const numbered = bullet ? null : /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        const tag = bullet ? 'ul' : 'ol';
        flushParagraph();
        if (list && list.tag !== tag) flushList();
        list ??= { tag, items: [] };
        list.items.push((bullet ?? numbered)[1]);
      } else if (line.trim() === '') {
        flushParagraph();
        flushList();
      } else {
        flushList();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushList();
    return out.join('');
  }

  // ---------------------------------------------------------------- time

  const formatters = new Map();
  function formatter(kind) {
    const key = `${state.lang}:${kind}`;
    if (!formatters.has(key)) {
      const options = {
        time: { hour: 'numeric', minute: '2-digit' },
        full: { dateStyle: 'medium', timeStyle: 'short' },
        day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
        dayKey: { year: 'numeric', month: '2-digit', day: '2-digit' },
      }[kind];
      const locale = kind === 'dayKey' ? 'en-CA' : state.lang === 'ms' ? 'ms-MY' : 'en-MY';
      formatters.set(key, new Intl.DateTimeFormat(locale, { timeZone: MYT, ...options }));
    }
    return formatters.get(key);
  }
  const dayKeyOf = (date) => formatter('dayKey').format(date);

  function dayLabel(date) {
    const key = dayKeyOf(date);
    const now = new Date();
    if (key === dayKeyOf(now)) return t('playground.day.today');
    if (key === dayKeyOf(new Date(now.getTime() - 86_400_000))) return t('playground.day.yesterday');
    return formatter('day').format(date);
  }

  // ---------------------------------------------------------------- storage and URL

  function stored(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }
  function store(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Private windows may refuse storage; the URL still carries the choice.
    }
  }

  function writeUrl() {
    const url = new URL(location.href);
    if (state.me) url.searchParams.set('as', state.me.id);
    url.searchParams.set('lang', state.lang);
    history.replaceState(null, '', url);
    if (state.me) store(STORE.as, state.me.id);
    store(STORE.lang, state.lang);
  }

  // ---------------------------------------------------------------- HTTP

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, body) {
    let response;
    try {
      response = await fetch(
        path,
        body === undefined
          ? { headers: { accept: 'application/json' } }
          : {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json' },
              body: JSON.stringify(body),
            },
      );
    } catch {
      throw new ApiError(t('playground.error.network'), 0);
    }
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (!response.ok) {
      const message = json?.error?.message;
      throw new ApiError(
        typeof message === 'string' && message ? message : `HTTP ${response.status}`,
        response.status,
      );
    }
    return json ?? {};
  }

  const query = (params) => new URLSearchParams(params).toString();

  // ---------------------------------------------------------------- small DOM helpers

  /**
   * A message's identity for redrawing: the same content whatever order its keys come in. The server stores
   * cards as PostgreSQL jsonb, which reorders keys, so a card answered to an action and the same card listed
   * later must compare equal, or the redraw would wipe what the person is typing into its form.
   */
  function signatureOf(value) {
    return JSON.stringify(value, (_key, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, v[k]]),
          )
        : v,
    );
  }

  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') el.className = value;
      else if (name === 'text') el.textContent = value;
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children)
      if (child !== null && child !== undefined && child !== false) el.append(child);
    return el;
  }

  function initialsOf(name) {
    const words = String(name).trim().split(/\s+/).filter(Boolean);
    const skip = new Set(['bin', 'binti', 'a/l', 'a/p', 'b.', 'bt.', 'bte']);
    const picked = words.filter((w) => !skip.has(w.toLowerCase()));
    return ((picked[0]?.[0] ?? '?') + (picked[1]?.[0] ?? '')).toUpperCase();
  }

  function colourOf(name) {
    let hash = 0;
    for (const c of String(name)) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
    return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
  }

  // ---------------------------------------------------------------- sidebar

  function conversations() {
    const list = state.channels.map((c) => ({ id: c.id, purpose: c.purpose, name: c.name }));
    if (state.me) list.push({ id: state.me.chat, purpose: CHAT, name: t('playground.chat.bot') });
    return list;
  }
  const openConversation = () => conversations().find((c) => c.id === state.open) ?? null;

  function renderIdentity() {
    els.identity.replaceChildren(
      ...state.people.map((p) =>
        h('option', {
          value: p.id,
          text: p.roleLabels?.length ? `${p.name} — ${p.roleLabels.join(', ')}` : p.name,
        }),
      ),
    );
    if (state.me) els.identity.value = state.me.id;
    const roles = state.me?.roleLabels?.join(', ') ?? '';
    const detail = [state.me?.designation, state.me?.unit].filter(Boolean).join(' · ');
    els.identityDetail.replaceChildren(
      roles ? h('span', { class: 'identity-roles', text: roles }) : '',
      detail ? h('span', { class: 'identity-unit', text: detail }) : '',
    );
    els.identityDetail.hidden = !roles && !detail;
  }

  function conversationEntry(c) {
    const current = c.id === state.open;
    const unread = !current && state.unread.has(c.id);
    const icon =
      c.purpose === CHAT
        ? h('span', { class: 'conv-icon conv-icon-bot', 'aria-hidden': 'true', text: 'm' })
        : h('span', { class: 'conv-icon', 'aria-hidden': 'true', text: '#' });
    const button = h(
      'button',
      {
        type: 'button',
        class: `conv${current ? ' is-current' : ''}${unread ? ' is-unread' : ''}`,
        'data-testid': 'conversation',
        'data-conversation': c.id,
        'data-purpose': c.purpose,
        'aria-current': current ? 'page' : null,
      },
      icon,
      h('span', { class: 'conv-name', text: c.name }),
      unread ? h('span', { class: 'unread-dot', 'data-testid': 'unread', 'aria-hidden': 'true' }) : null,
      unread ? h('span', { class: 'visually-hidden', text: `, ${t('playground.unread')}` }) : null,
    );
    button.addEventListener('click', () => open(c.id));
    return h('li', {}, button);
  }

  function renderSidebar() {
    const all = conversations();
    els.channels.replaceChildren(...all.filter((c) => c.purpose !== CHAT).map(conversationEntry));
    els.chats.replaceChildren(...all.filter((c) => c.purpose === CHAT).map(conversationEntry));
  }

  function renderHeader() {
    const c = openConversation();
    if (!c) return;
    els.name.replaceChildren(
      c.purpose === CHAT ? '' : h('span', { class: 'hash', 'aria-hidden': 'true', text: '# ' }),
      c.name,
    );
    els.hint.textContent = t(`playground.hint.${c.purpose}`);
    els.composerLabel.textContent = t('playground.composer.label', { conversation: c.name });
  }

  // ---------------------------------------------------------------- Adaptive Cards

  let hostConfig = null;
  function cardHostConfig() {
    if (hostConfig) return hostConfig;
    const colours = () => ({
      default: { default: '#1f2328', subtle: '#59616b' },
      dark: { default: '#1f2328', subtle: '#454c55' },
      light: { default: '#ffffff', subtle: '#eef0f3' },
      accent: { default: '#3346b0', subtle: '#4a5bc0' },
      good: { default: '#1a6b32', subtle: '#2d7d45' },
      warning: { default: '#8a5300', subtle: '#96600f' },
      attention: { default: '#b42318', subtle: '#c4372c' },
    });
    hostConfig = new AdaptiveCards.HostConfig({
      supportsInteractivity: true,
      fontFamily: FONT_STACK,
      fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
      lineHeights: { small: 16, default: 20, medium: 22, large: 24, extraLarge: 28 },
      spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
      separator: { lineThickness: 1, lineColor: '#e1e4e8' },
      imageSizes: { small: 40, medium: 80, large: 160 },
      containerStyles: {
        default: { backgroundColor: '#ffffff', foregroundColors: colours() },
        emphasis: { backgroundColor: '#f5f6f8', foregroundColors: colours() },
        accent: { backgroundColor: '#eef0fb', foregroundColors: colours() },
        good: { backgroundColor: '#eaf5ed', foregroundColors: colours() },
        attention: { backgroundColor: '#fdeceb', foregroundColors: colours() },
        warning: { backgroundColor: '#fff5dc', foregroundColors: colours() },
      },
      actions: {
        maxActions: 6,
        spacing: 'medium',
        buttonSpacing: 8,
        showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
        actionsOrientation: 'horizontal',
        actionAlignment: 'left',
      },
      inputs: {
        label: {
          inputSpacing: 'small',
          requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
          optionalInputs: { weight: 'bolder' },
        },
        errorMessage: { size: 'small', color: 'attention', spacing: 'small' },
      },
      factSet: {
        title: {
          color: 'default',
          isSubtle: true,
          size: 'default',
          weight: 'default',
          wrap: true,
          maxWidth: 200,
        },
        value: { color: 'default', size: 'default', weight: 'default', wrap: true },
        spacing: 12,
      },
      textBlock: { headingLevel: 3 },
    });
    return hostConfig;
  }

  function setupAdaptiveCards() {
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdown(text);
      result.didProcess = true;
    };
    const choiceSet = AdaptiveCards.ChoiceSetInput?.prototype;
    const update = choiceSet?.updateInputControlAriaLabelledBy;
    if (typeof update === 'function') {
      choiceSet.updateInputControlAriaLabelledBy = function updateInputControlAriaLabelledBy() {
        update.call(this);
        labelFieldInside(this.renderedInputControlElement);
      };
    }
  }

  /**
   * adaptivecards 3.0.6 labels an input with <label for> plus aria-labelledby on its control, except where
   * the "control" is a wrapper: the filtered Input.ChoiceSet's text box sits inside a div that gets the
   * aria-labelledby (and a label `for` the div, which labels nothing). The attribute is moved to the field,
   * each time the renderer sets it (it does again when a validation message appears or goes).
   */
  function labelFieldInside(control) {
    if (!control || control.matches('input, select, textarea')) return;
    const ids = control.getAttribute('aria-labelledby');
    const fields = control.querySelectorAll('input, select, textarea');
    if (!ids || fields.length !== 1) return;
    fields[0].setAttribute('aria-labelledby', ids);
    control.removeAttribute('aria-labelledby');
  }

  /** Anything still without a name after rendering gets aria-label from its input's label. */
  function labelInputs(card) {
    for (const input of card.getAllInputs()) {
      const control = input.renderedInputControlElement;
      if (!control) continue;
      labelFieldInside(control);
      const fields = control.matches('input, select, textarea')
        ? [control]
        : [...control.querySelectorAll('input, select, textarea')];
      for (const field of fields) {
        const named =
          field.hasAttribute('aria-labelledby') ||
          field.hasAttribute('aria-label') ||
          (field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`));
        if (!named && input.label) field.setAttribute('aria-label', input.label);
      }
    }
  }

  function renderCard(host, json, messageId) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = cardHostConfig();
    card.onExecuteAction = (action) => onCardAction(action, messageId, host);
    let rendered;
    try {
      card.parse(json);
      rendered = card.render();
    } catch (error) {
      console.error('mailops playground: card did not render', error);
    }
    if (!rendered) {
      const fallback = typeof json?.fallbackText === 'string' ? json.fallbackText : '';
      host.replaceChildren(
        h('p', { class: 'card-unsupported', text: t('playground.card.unsupported') }),
        fallback ? h('p', { class: 'card-fallback', text: fallback }) : null,
      );
      return;
    }
    host.replaceChildren(rendered);
    // Inputs are labelled once they are in the document, so <label for> look-ups can see them.
    labelInputs(card);
    showChoiceTitles(card);
  }

  /**
   * adaptivecards 3.0.6 writes a filtered Input.ChoiceSet's `value` into its text box as it is: the choice's
   * value (a person id such as "rahman") where Teams shows its title ("Abd Rahman bin Ismail"). The box gets
   * the title; the renderer reads a title typed there back as its choice's value, so the same id is sent.
   */
  function showChoiceTitles(card) {
    for (const input of card.getAllInputs()) {
      if (!(input instanceof AdaptiveCards.ChoiceSetInput) || input.style !== 'filtered') continue;
      const choice = input.choices.find((c) => c.value === input.defaultValue && c.title);
      const control = input.renderedInputControlElement;
      const box = control?.matches('input') ? control : control?.querySelector('input');
      if (choice && box && box.value === input.defaultValue) box.value = choice.title;
    }
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(String(url), location.href);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch {
      return null;
    }
  }

  function setCardBusy(host, busy) {
    host.classList.toggle('is-busy', busy);
    host.setAttribute('aria-busy', String(busy));
    for (const button of host.querySelectorAll('button')) {
      if (busy) {
        button.dataset.wasDisabled = String(button.disabled);
        button.disabled = true;
      } else if (button.dataset.wasDisabled !== undefined) {
        button.disabled = button.dataset.wasDisabled === 'true';
        delete button.dataset.wasDisabled;
      }
    }
    host.querySelector('.card-busy')?.remove();
    if (busy) {
      host.append(
        h(
          'div',
          { class: 'card-busy', role: 'status' },
          h('span', { class: 'spinner', 'aria-hidden': 'true' }),
          h('span', { text: t('playground.card.working') }),
        ),
      );
    }
  }

  /** Shown under the message's card as it is on screen now, and again each time the card is redrawn. */
  function showAnswer(messageId, text, kind) {
    state.answers.set(messageId, { text, kind });
    const messageEl = state.rendered.get(messageId)?.el;
    if (messageEl?.isConnected) drawAnswer(messageEl, text, kind);
  }

  function drawAnswer(messageEl, text, kind) {
    const body = messageEl.querySelector('.message-body');
    body.querySelector('.action-answer')?.remove();
    const dismiss = h('button', {
      type: 'button',
      class: 'action-answer-close',
      'aria-label': t('playground.action.dismiss'),
      title: t('playground.action.dismiss'),
      text: '×',
    });
    const answer = h(
      'div',
      {
        class: `action-answer is-${kind}`,
        'data-testid': 'action-answer',
        role: kind === 'error' ? 'alert' : 'status',
      },
      h('span', { class: 'action-answer-icon', 'aria-hidden': 'true', text: kind === 'error' ? '!' : 'i' }),
      h('span', { class: 'action-answer-text', text }),
      dismiss,
    );
    dismiss.addEventListener('click', () => {
      state.answers.delete(messageEl.dataset.messageId);
      answer.remove();
    });
    const host = body.querySelector('[data-testid="card"]');
    if (host) host.after(answer);
    else body.append(answer);
  }

  async function onCardAction(action, messageId, host) {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      const url = safeUrl(action.url);
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
      return;
    }
    if (type !== 'Action.Execute') return;
    if (state.inflight.has(messageId)) return;
    const messageEl = host.closest('[data-testid="message"]');
    const conversation = state.open;
    const me = state.me;
    // The answer belongs to this person in this conversation; after a switch it is nobody's to see.
    const stillShown = () => state.open === conversation && state.me === me;
    // adaptivecards 3.0.6 has already merged the card's input values into action.data (prepareForExecution).
    const data = action.data && typeof action.data === 'object' ? action.data : {};
    state.inflight.add(messageId);
    setCardBusy(host, true);
    state.answers.delete(messageId);
    messageEl?.querySelector('.action-answer')?.remove();
    try {
      const result = await api(`${API}/action`, {
        as: me.id,
        conversation,
        messageId,
        verb: action.verb ?? '',
        data,
        lang: state.lang,
      });
      if (result.card && typeof result.card === 'object' && host.isConnected) {
        const entry = state.rendered.get(messageId);
        if (entry) {
          entry.data = { ...entry.data, card: result.card };
          entry.sig = signatureOf(entry.data);
        }
        renderCard(host, result.card, messageId);
      }
      if (typeof result.text === 'string' && result.text && stillShown()) {
        showAnswer(messageId, result.text, 'info');
      }
    } catch (error) {
      if (stillShown()) showAnswer(messageId, error.message, 'error');
    } finally {
      state.actedAt.set(messageId, performance.now());
      state.inflight.delete(messageId);
      setCardBusy(host, false);
      if (state.deferredRefresh && state.inflight.size === 0) {
        state.deferredRefresh = false;
        refreshMessages();
      }
    }
  }

  // ---------------------------------------------------------------- messages

  function messageElement(m) {
    const fromBot = Boolean(m.from?.bot);
    const name = m.from?.name ?? '';
    const at = new Date(m.at);
    const validAt = !Number.isNaN(at.getTime());
    const mine = !fromBot && state.me && name === state.me.name;
    const avatar = fromBot
      ? h('div', { class: 'avatar avatar-bot', 'aria-hidden': 'true', text: 'm' })
      : h('div', {
          class: 'avatar',
          'aria-hidden': 'true',
          style: `background:${colourOf(name)}`,
          text: initialsOf(name),
        });

    const meta = h(
      'div',
      { class: 'message-meta' },
      m.replyToId ? h('span', { class: 'reply-marker', text: `↳ ${t('playground.message.reply')}` }) : null,
      h('span', { class: 'sender', text: name }),
      fromBot ? h('span', { class: 'badge', text: t('playground.message.bot') }) : null,
      mine ? h('span', { class: 'you', text: `(${t('playground.message.you')})` }) : null,
      validAt
        ? h('time', {
            datetime: at.toISOString(),
            title: `${formatter('full').format(at)} (MYT)`,
            text: formatter('time').format(at),
          })
        : null,
      m.edited ? h('span', { class: 'edited', text: `· ${t('playground.message.edited')}` }) : null,
    );

    const body = h('div', { class: 'message-body' }, meta);
    if (typeof m.text === 'string' && m.text !== '') {
      const text = h('div', { class: 'message-text markdown' });
      text.innerHTML = markdown(m.text); // escaped by markdown()
      body.append(text);
    }
    if (m.card && typeof m.card === 'object') {
      const host = h('div', { class: 'card-host', 'data-testid': 'card' });
      body.append(host);
      if (m.personal) {
        body.append(
          h(
            'p',
            { class: 'personal-note' },
            h('span', { class: 'personal-icon', 'aria-hidden': 'true' }),
            t('playground.card.personal'),
          ),
        );
      }
      // Rendered once the element is in the document (see renderMessages).
      host.dataset.pending = 'true';
    }

    return h(
      'article',
      {
        class: `message${fromBot ? ' from-bot' : ' from-person'}${m.replyToId ? ' is-reply' : ''}`,
        'data-testid': 'message',
        'data-message-id': m.id,
        'data-from': fromBot ? 'bot' : 'person',
      },
      avatar,
      body,
    );
  }

  function dividerFor(date) {
    const key = dayKeyOf(date);
    let divider = state.dividers.get(key);
    const label = dayLabel(date);
    if (!divider) {
      divider = h('div', { class: 'day-divider', role: 'separator' }, h('span', { text: label }));
      state.dividers.set(key, divider);
    } else if (divider.textContent !== label) {
      divider.firstChild.textContent = label;
    }
    return divider;
  }

  function nearBottom() {
    const m = els.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
  }

  function scrollToBottom() {
    els.messages.scrollTop = els.messages.scrollHeight;
  }

  function resetMessages(status) {
    state.rendered.clear();
    state.answers.clear();
    state.dividers.clear();
    els.messages.replaceChildren(status ? h('p', { class: 'messages-status', text: status }) : '');
  }

  /** Brings the list in line with `list`, reusing the elements of unchanged messages so typed inputs survive. */
  function renderMessages(list, { forceBottom = false, began = Number.POSITIVE_INFINITY } = {}) {
    const stick = forceBottom || nearBottom();
    const nodes = [];
    const keep = new Map();
    let lastDay = null;
    for (const m of list) {
      if (!m || typeof m.id !== 'string') continue;
      const at = new Date(m.at);
      if (!Number.isNaN(at.getTime())) {
        const day = dayKeyOf(at);
        if (day !== lastDay) {
          nodes.push(dividerFor(at));
          lastDay = day;
        }
      }
      const sig = signatureOf(m);
      const before = state.rendered.get(m.id);
      let entry = before;
      const stale = (state.actedAt.get(m.id) ?? 0) > began;
      if (!before || (before.sig !== sig && !state.inflight.has(m.id) && !stale)) {
        entry = { sig, data: m, el: messageElement(m) };
        const answer = state.answers.get(m.id);
        if (answer) drawAnswer(entry.el, answer.text, answer.kind);
      } else if (before.sig !== sig) {
        // Fetched before an action on this card finished: fetch again once nothing is in flight.
        state.deferredRefresh = true;
      }
      keep.set(m.id, entry);
      nodes.push(entry.el);
    }
    state.rendered = keep;

    if (nodes.length === 0) {
      const c = openConversation();
      const empty = h(
        'div',
        { class: 'messages-empty' },
        h('p', { class: 'messages-empty-title', text: t('playground.messages.empty') }),
        c?.purpose === CHAT
          ? h('p', { class: 'messages-empty-hint', text: t('playground.messages.empty_chat') })
          : null,
      );
      els.messages.replaceChildren(empty);
      return;
    }

    const container = els.messages;
    let cursor = container.firstChild;
    for (const node of nodes) {
      if (node === cursor) {
        cursor = cursor.nextSibling;
        continue;
      }
      container.insertBefore(node, cursor);
    }
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
    for (const host of container.querySelectorAll('.card-host[data-pending]')) {
      delete host.dataset.pending;
      const el = host.closest('[data-testid="message"]');
      const entry = state.rendered.get(el.dataset.messageId);
      renderCard(host, entry.data.card, entry.data.id);
    }
    if (stick) scrollToBottom();
  }

  const viewKey = () => `${state.open}|${state.me?.id}|${state.lang}`;
  let messagesLoading = null;
  let messagesAgain = false;
  let messagesBottom = false;

  async function loadMessagesOnce(forceBottom) {
    const key = viewKey();
    const conversation = state.open;
    const began = performance.now();
    try {
      const result = await api(
        `${API}/messages?${query({ conversation, as: state.me.id, lang: state.lang })}`,
      );
      if (key !== viewKey()) return;
      renderMessages(Array.isArray(result.messages) ? result.messages : [], { forceBottom, began });
      if (state.deferredRefresh && state.inflight.size === 0) {
        state.deferredRefresh = false;
        messagesAgain = true;
      }
    } catch (error) {
      if (key !== viewKey()) return;
      resetMessages();
      els.messages.replaceChildren(h('p', { class: 'messages-error', role: 'alert', text: error.message }));
    }
  }

  /** One request at a time; a refresh asked for meanwhile runs once after it, for the then-open view. */
  function refreshMessages(forceBottom = false) {
    messagesBottom ||= forceBottom;
    if (messagesLoading) {
      messagesAgain = true;
      return messagesLoading;
    }
    // Screen readers (and the end-to-end test) can tell a conversation that is still being fetched.
    els.messages.setAttribute('aria-busy', 'true');
    messagesLoading = (async () => {
      do {
        messagesAgain = false;
        const bottom = messagesBottom;
        messagesBottom = false;
        await loadMessagesOnce(bottom);
      } while (messagesAgain);
    })().finally(() => {
      messagesLoading = null;
      els.messages.setAttribute('aria-busy', 'false');
    });
    return messagesLoading;
  }

  function open(conversationId, { focus = true } = {}) {
    const changed = conversationId !== state.open;
    state.open = conversationId;
    state.unread.delete(conversationId);
    const c = openConversation();
    store(STORE.open, c?.purpose === CHAT ? CHAT : conversationId);
    renderSidebar();
    renderHeader();
    if (changed) {
      resetMessages(t('playground.loading'));
      setComposerError('');
    }
    refreshMessages(true);
    if (focus && changed) els.composer.focus();
  }

  // ---------------------------------------------------------------- composer

  function setComposerError(message) {
    els.composerError.textContent = message;
    els.composerError.hidden = !message;
    els.composer.setAttribute('aria-invalid', String(Boolean(message)));
  }

  async function send(event) {
    event.preventDefault();
    if (!state.me || !state.open || els.send.disabled) return;
    const text = els.composer.value;
    els.send.disabled = true;
    try {
      await api(`${API}/send`, { as: state.me.id, conversation: state.open, text, lang: state.lang });
      els.composer.value = '';
      setComposerError('');
      refreshMessages(true);
    } catch (error) {
      setComposerError(error.message);
    } finally {
      els.send.disabled = false;
      els.composer.focus();
    }
  }

  // ---------------------------------------------------------------- tickets

  function pillClass(ticket) {
    if (!ticket.closed) return 'pill-waiting';
    return ticket.state === 'closed' ? 'pill-closed' : 'pill-ended';
  }

  function ticketElement(ticket, index) {
    const events = Array.isArray(ticket.events) ? ticket.events : [];
    const isOpen = state.ticketOpen.has(ticket.number) ? state.ticketOpen.get(ticket.number) : index === 0;
    const details = h(
      'details',
      { class: 'ticket-events', open: isOpen },
      h('summary', { text: t('playground.timeline.events', { count: events.length }) }),
      h(
        'ol',
        { class: 'events' },
        ...events.map((e) =>
          h(
            'li',
            { class: 'event' },
            h('time', { datetime: e.at, text: e.atLabel }),
            h(
              'span',
              { class: 'event-line' },
              h('span', { class: 'event-actor', text: e.actor }),
              ` · ${e.label}`,
            ),
          ),
        ),
      ),
    );
    details.addEventListener('toggle', () => state.ticketOpen.set(ticket.number, details.open));
    return h(
      'article',
      {
        class: `ticket${ticket.closed ? ' is-closed' : ''}`,
        'data-testid': 'ticket',
        'data-number': ticket.number,
        'data-state': ticket.state,
        'aria-label': `${ticket.number} ${ticket.title ?? ''}`,
      },
      h(
        'header',
        { class: 'ticket-head' },
        h('span', { class: 'ticket-number', text: ticket.number }),
        h('span', { class: 'ticket-kind', text: ticket.kindLabel }),
      ),
      h('p', { class: 'ticket-title', text: ticket.title }),
      h('span', { class: `pill ${pillClass(ticket)}`, text: ticket.stateLabel }),
      ticket.next ? h('p', { class: 'ticket-next', text: ticket.next }) : null,
      events.length > 0 ? details : null,
    );
  }

  function renderTickets(tickets) {
    if (tickets.length === 0) {
      els.tickets.replaceChildren(h('p', { class: 'tickets-empty', text: t('playground.timeline.empty') }));
    } else {
      els.tickets.replaceChildren(...tickets.map(ticketElement));
    }
    els.ticketsUpdated.textContent = t('playground.timeline.updated', {
      time: formatter('time').format(new Date()),
    });
  }

  let ticketsLoading = null;
  let ticketsAgain = false;
  function refreshTickets() {
    if (ticketsLoading) {
      ticketsAgain = true;
      return ticketsLoading;
    }
    ticketsLoading = (async () => {
      do {
        ticketsAgain = false;
        const lang = state.lang;
        try {
          const result = await api(`${API}/tickets?${query({ lang })}`);
          if (lang === state.lang) renderTickets(Array.isArray(result.tickets) ? result.tickets : []);
        } catch (error) {
          if (lang === state.lang) {
            els.tickets.replaceChildren(
              h('p', { class: 'tickets-error', role: 'alert', text: error.message }),
            );
          }
        }
      } while (ticketsAgain);
    })().finally(() => {
      ticketsLoading = null;
    });
    return ticketsLoading;
  }

  // ---------------------------------------------------------------- live updates

  let events = null;
  let lostConnection = false;
  function connect() {
    events?.close();
    events = new EventSource('/playground/events');
    events.addEventListener('open', () => {
      els.connection.hidden = true;
      if (lostConnection) {
        lostConnection = false;
        refreshMessages();
        refreshTickets();
      }
    });
    events.addEventListener('error', () => {
      lostConnection = true;
      els.connection.hidden = false;
      // EventSource retries by itself unless the server refused the stream outright.
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    });
    events.addEventListener('message', (event) => {
      let payload;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof payload?.conversation !== 'string') return;
      if (payload.conversation === state.open) {
        refreshMessages();
      } else if (conversations().some((c) => c.id === payload.conversation)) {
        state.unread.add(payload.conversation);
        renderSidebar();
      } else {
        // Another person's chat: remembered for when the identity switches to them.
        state.unread.add(payload.conversation);
      }
    });
    events.addEventListener('ticket', () => refreshTickets());
  }

  // ---------------------------------------------------------------- setup, identity, language

  async function loadSetup(lang) {
    const setup = await api(`${API}/setup?${query({ lang })}`);
    state.lang = LANGS.includes(setup.lang) ? setup.lang : lang;
    state.texts = setup.texts && typeof setup.texts === 'object' ? setup.texts : {};
    state.people = Array.isArray(setup.people) ? setup.people : [];
    state.channels = Array.isArray(setup.channels) ? setup.channels : [];
    formatters.clear();
    state.dividers.clear();
  }

  function pickPerson(id) {
    return state.people.find((p) => p.id === id) ?? state.people[0] ?? null;
  }

  function pickConversation(preferred) {
    const all = conversations();
    if (preferred === CHAT && state.me) return state.me.chat;
    return all.find((c) => c.id === preferred)?.id ?? state.me?.chat ?? all[0]?.id ?? null;
  }

  function becomePerson(id) {
    const wasChat = openConversation()?.purpose === CHAT;
    state.me = pickPerson(id);
    writeUrl();
    renderIdentity();
    // Views differ per person, so every card is asked for again.
    resetMessages(t('playground.loading'));
    open(wasChat ? state.me.chat : pickConversation(state.open), { focus: false });
  }

  async function switchLanguage(lang) {
    if (lang === state.lang || !LANGS.includes(lang)) return;
    const purpose = openConversation()?.purpose;
    try {
      await loadSetup(lang);
    } catch (error) {
      setComposerError(error.message);
      return;
    }
    state.me = pickPerson(state.me?.id);
    applyStaticTexts();
    renderIdentity();
    writeUrl();
    resetMessages(t('playground.loading'));
    open(purpose === CHAT ? state.me.chat : pickConversation(state.open), { focus: false });
    refreshTickets();
  }

  function bindControls() {
    els.identity.addEventListener('change', () => becomePerson(els.identity.value));
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.addEventListener('click', () => switchLanguage(button.dataset.lang));
    }
    els.form.addEventListener('submit', send);
    els.composer.addEventListener('input', () => {
      if (!els.composerError.hidden) setComposerError('');
    });
    for (const chip of document.querySelectorAll('[data-command]')) {
      chip.addEventListener('click', () => {
        els.composer.value = `${chip.dataset.command} `;
        els.composer.focus();
      });
    }
    els.fatalRetry.addEventListener('click', () => location.reload());
  }

  async function start() {
    const params = new URLSearchParams(location.search);
    const urlLang = params.get('lang');
    const storedLang = stored(STORE.lang);
    const lang = LANGS.includes(urlLang) ? urlLang : LANGS.includes(storedLang) ? storedLang : 'ms';
    bindControls();
    if (typeof AdaptiveCards === 'undefined') {
      fail('adaptivecards.js did not load');
      return;
    }
    setupAdaptiveCards();
    try {
      await loadSetup(lang);
    } catch (error) {
      fail(error.message);
      return;
    }
    state.me = pickPerson(params.get('as') ?? stored(STORE.as));
    applyStaticTexts();
    renderIdentity();
    writeUrl();
    els.app.removeAttribute('aria-busy');
    if (!state.me) {
      fail(t('playground.error.unknown_person', { person: params.get('as') ?? '' }));
      return;
    }
    open(pickConversation(stored(STORE.open) ?? CHAT), { focus: false });
    refreshTickets();
    connect();
  }

  function fail(detail) {
    els.app.hidden = true;
    els.fatal.hidden = false;
    els.fatalDetail.textContent = detail;
  }

  start();
})();
