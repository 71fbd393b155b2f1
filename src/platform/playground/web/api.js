// The page's only way to its server: the page API (page-api.ts), JSON both ways. A failure becomes an
// Error whose message the page can show as it is: the server's own words, or the page's.

import { t } from './texts.js';

export const API = '/playground/api';

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** GET `path`, or POST `body` to it. */
export async function api(path, body) {
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

export const query = (params) => new URLSearchParams(params).toString();

/** A list the server answered, or none when it answered something else. */
export const listOf = (value) => (Array.isArray(value) ? value : []);

/**
 * `load` one request at a time: asked for again while it runs, it runs once more after it, for whatever is
 * on screen then. `busy` hears when a run begins and when the last one ends.
 */
export function oneAtATime(load, busy = () => {}) {
  let running = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    busy(true);
    running = (async () => {
      do {
        again = false;
        await load();
      } while (again);
    })().finally(() => {
      running = null;
      busy(false);
    });
    return running;
  };
}
