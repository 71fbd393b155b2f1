// The benchmark's baseline: a Bolt app with its own HTTP receiver that only acknowledges /changerequest.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { WORKSPACE } from '../../test/support/slack/workspace.ts';

const [apiUrl, port] = process.argv.slice(2);
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
const app = new App({
  token: WORKSPACE.botToken,
  receiver: new HTTPReceiver({ signingSecret: WORKSPACE.signingSecret, logger: quiet }),
  clientOptions: { slackApiUrl: apiUrl },
  logger: quiet,
});
app.command('/changerequest', async ({ ack }) => {
  await ack();
});
await app.start(Number(port));
process.stdout.write('ready\n');
process.once('SIGTERM', () => void app.stop().finally(() => process.exit(0)));
