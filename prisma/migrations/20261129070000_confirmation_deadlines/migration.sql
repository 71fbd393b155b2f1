-- Until now the scheduler cleared a ticket's due time after its last escalation. The service desk may now close
-- a ticket its requester never confirmed once the due time has passed (SOP 4.1.1 step 13, 4.2.1 step 9), so a
-- ticket left waiting for confirmation with no due time would stay open for ever: its wait began when it
-- entered the state, and every reminder was already sent, so that moment is its due time.
UPDATE "tickets"
SET "sla_due_at" = "state_since"
WHERE "state" = 'awaiting_confirmation' AND "sla_due_at" IS NULL;
