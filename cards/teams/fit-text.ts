import type { Fitter } from '../fit-text.ts';

// Clipping text to a byte budget. The per-character clip with its visible "… (dipendekkan)" note is the
// shared fitter's `plain` (cards/fit-text.ts: it counts UTF-16 units and never splits a surrogate pair);
// what Teams adds is that its limit is on the UTF-8 JSON of the whole payload, so a clip is measured, not
// guessed.

/**
 * The longest clip of `text` (at most `maxChars`, with the truncation note when cut) whose serialised form,
 * as `size` measures it, is within `maxBytes`; null when not even a short clip fits.
 */
export function clipToBytes(
  text: string,
  maxChars: number,
  maxBytes: number,
  fit: Fitter,
  size: (clipped: string) => number,
): string | null {
  const whole = fit.plain(text, maxChars);
  if (size(whole) <= maxBytes) return whole;
  let low = 0;
  let high = Math.min(maxChars, text.length);
  let best: string | null = null;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const clipped = fit.plain(text, mid);
    if (size(clipped) <= maxBytes) {
      best = clipped;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
}
