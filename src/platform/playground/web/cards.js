// The bot's Adaptive Cards drawn by the official adaptivecards 3.0.6 bundle (global AdaptiveCards), with
// what the page adds to it: the page's markdown, names for every input, and links opened safely.

import { cardHostConfig } from './card-host-config.js';
import { h } from './dom.js';
import { markdown } from './markdown.js';
import { t } from './texts.js';

export function setupAdaptiveCards() {
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

/**
 * Draws `json` into `host` (already in the document), or says the card cannot be shown. An Action.OpenUrl
 * opens its http(s) link in a new tab; an Action.Execute goes to `execute`, which sends it to the bot.
 */
export function renderCard(host, json, execute) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = cardHostConfig();
  card.onExecuteAction = (action) => {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      const url = safeUrl(action.url);
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
    } else if (type === 'Action.Execute') {
      execute(action);
    }
  };
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

/** While an action is in flight: every button disabled (each as it was again after) and a note that it works. */
export function setCardBusy(host, busy) {
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
