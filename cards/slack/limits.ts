// Block Kit's limits, from Slack's reference (https://api.slack.com/reference/block-kit: blocks,
// block elements, composition objects, views). Slack publishes no machine-readable schema and answers a
// violation with a bare `invalid_blocks`, so the renderers clip to these and blockKitProblems() checks them.

export const SLACK_LIMITS = {
  /** "Messages can contain up to 50 blocks"; modals and Home tabs up to 100. */
  messageBlocks: 50,
  viewBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** Any text object: 1–3000 characters. */
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** action_id, block_id and callback_id. */
  id: 255,
  /** Modal title, submit and close. */
  modalText: 24,
  inputLabel: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  /** @slack/types documents 75 for an option's value (the web reference says 150): the stricter one. */
  optionValue: 75,
  options: 100,
  /** A static_select's option_groups: up to 100 groups, each with a label and 1–100 options. */
  optionGroups: 100,
  optionGroupLabel: 75,
  privateMetadata: 3000,
  inputMaxLength: 3000,
  /** chat.postMessage: "limit the number of characters in the text field to 4,000". */
  messageText: 4000,
  /**
   * Not published: chat.postMessage refuses blocks whose texts add up to roughly 12,000 characters with
   * `msg_blocks_too_long`, and has refused 11,341 (slackapi/bolt-js#2509, #2867). Our own budget, with room.
   */
  messageBlocksText: 9000,
} as const;
