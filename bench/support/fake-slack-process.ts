// The fake Slack Web API in a process of its own for the benchmark, so its work (checking every modal the
// bot opens) does not run on the event loop of the servers being measured. Prints its URL, then on SIGTERM
// the arrival times of views.open calls as JSON, and exits.
import { startFakeSlackApi } from '../../test/support/slack/fake-web-api.ts';
import { triggerMintedAt } from '../../test/support/slack/trigger-id.ts';

const api = await startFakeSlackApi();
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
process.once('SIGTERM', async () => {
  const opens = api.callsTo('views.open').map((c) => ({
    ok: c.answer?.ok === true,
    mintedAt: triggerMintedAt(String(c.args.trigger_id)) ?? null,
    at: c.at,
  }));
  process.stdout.write(`${JSON.stringify({ opens })}\n`, () => {
    void api.close().finally(() => process.exit(0));
  });
});
