// One fictional workspace shared by the fakes and the payload builders, so the ids inside inbound payloads
// match what the fake Web API answers (auth.test, DM channels, views). Slack ids are upper-case
// alphanumerics whose first letter names the kind: T team, A app, U/W user, B bot, C/G channel, D DM,
// V view (https://docs.slack.dev/reference/objects/).
export const WORKSPACE = {
  teamId: 'T0JDNMAIL',
  teamDomain: 'jdn-mailops',
  teamName: 'JDN Mail Operations',
  appId: 'A0MAILOPS',
  botUserId: 'U0MAILBOT',
  botId: 'B0MAILBOT',
  // Token prefixes are what Slack and the SDKs key on: xoxb- bot, xapp- app-level (Socket Mode).
  botToken: 'xoxb-1000000001-2000000002-fakeBotTokenForTests',
  appToken: 'xapp-1-A0MAILOPS-3000000003-fakeAppTokenForTests',
  signingSecret: '8f742231b10e8888abcd99aaabbb85a5',
  // The deprecated verification token Slack still sends as `token` in every payload.
  verificationToken: 'fakeVerificationToken0001',
} as const;
