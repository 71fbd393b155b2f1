import { randomBytes } from 'node:crypto';

// Slack's trigger_id is three dot-separated fields, e.g. "12345.98765.abcd2358fdea" (views.open: an
// invalid_trigger_id names that format), and may be exchanged once, within 3 seconds of the interaction
// (https://docs.slack.dev/interactivity/handling-user-interaction). Ours carry their mint time in ms in
// the first field, so the fake Web API can enforce the 3-second window without sharing state with the
// client that minted them.

const TRIGGER = /^(\d+)\.(\d+)\.([0-9a-f]+)$/;

export function mintTriggerId(mintedAtMs: number = Date.now()): string {
  return `${mintedAtMs}.1000000001.${randomBytes(16).toString('hex')}`;
}

export function triggerMintedAt(triggerId: string): number | undefined {
  const match = TRIGGER.exec(triggerId);
  return match ? Number(match[1]) : undefined;
}
