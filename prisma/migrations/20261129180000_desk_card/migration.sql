-- The service desk's copy of a ticket's card was the requester's kind, `ticket`, so both showed both
-- buttons: the requester's DM offered the desk's "close unconfirmed" (SOP 4.1.1 step 13, 4.2.1 step 9) and
-- the desk's channel the requester's "withdraw". The desk's copy is now its own kind, `desk`. A copy posted
-- to a channel is the desk's (the requester's goes to their own chat); its post in the outbox says where it
-- went, and is kept after delivery, so the copies already posted keep the desk's button.
UPDATE "posted_cards" AS pc
SET "card" = 'desk'
WHERE pc."card" = 'ticket'
  AND EXISTS (
    SELECT 1 FROM "outbox_messages" AS o
    WHERE o."ticket_id" = pc."ticket_id"
      AND o."platform" = pc."platform"
      AND o."platform_message_id" = pc."message_id"
      AND o."payload"->>'kind' = 'card.post'
      AND o."payload"->>'card' = 'ticket'
      AND o."payload"->'to'->>'kind' = 'channel'
  );

-- Posts not delivered yet go out as the desk's copy.
UPDATE "outbox_messages"
SET "payload" = jsonb_set("payload", '{card}', '"desk"')
WHERE "status" <> 'sent'
  AND "payload"->>'kind' = 'card.post'
  AND "payload"->>'card' = 'ticket'
  AND "payload"->'to'->>'kind' = 'channel';
