-- The outbox's retry window now counts from a message's first failed delivery, not from when it was written:
-- a message that waited (mailops down, an earlier message to the same place still failing) gets the whole
-- window once it starts failing. Rows already failing start their window at this upgrade.
ALTER TABLE "outbox_messages" ADD COLUMN "failing_since" TIMESTAMPTZ(3);
