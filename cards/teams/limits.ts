// Teams' limits on the cards a bot sends. Teams answers an over-size card with a bare 413 or drops it, so
// the renderers keep within these and test/support/adaptive-card-checks.ts checks them.

export const TEAMS_LIMITS = {
  /**
   * A bot message, card included, of at most about 28 KB (learn.microsoft.com/microsoftteams/platform/
   * bots/how-to/format-your-bot-messages, "Message size limit"; later revisions allow more, the oldest
   * documented figure is the one every tenant honours).
   */
  payloadBytes: 28_000,
  /**
   * What a card may use of that: the activity envelope (conversation, recipient, service URL, attachment
   * wrapper) takes the rest.
   */
  cardBytes: 24_000,
  /**
   * "Maximum 60 different users can see a different version of the card" (learn.microsoft.com/
   * microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/
   * user-specific-views): the length of `refresh.userIds`.
   */
  refreshUserIds: 60,
} as const;

const encoder = new TextEncoder();

/** The size of a value as it goes over the wire: UTF-8 JSON. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}
