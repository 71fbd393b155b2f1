-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "TicketKind" AS ENUM ('change_request', 'complaint');

-- CreateTable
CREATE TABLE "tickets" (
    "id" UUID NOT NULL,
    "kind" "TicketKind" NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ms',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "state_since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sla_due_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_counters" (
    "kind" "TicketKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ticket_counters_pkey" PRIMARY KEY ("kind","year")
);

-- CreateTable
CREATE TABLE "cr_section_a" (
    "ticket_id" UUID NOT NULL,
    "requester_name" TEXT NOT NULL,
    "requester_unit" TEXT NOT NULL,
    "requester_phone" TEXT NOT NULL,
    "requester_email" TEXT NOT NULL,
    "manager_id" TEXT,
    "manager_name" TEXT,
    "manager_designation" TEXT,
    "manager_company" TEXT,
    "manager_phone" TEXT,
    "manager_email" TEXT,
    "request_type" TEXT NOT NULL,
    "request_type_other" TEXT,
    "requested_for" TIMESTAMPTZ(3) NOT NULL,
    "description" TEXT NOT NULL,
    "impact_if_not_implemented" TEXT NOT NULL,
    "endorsement_required" BOOLEAN NOT NULL,
    "endorsed_by" TEXT,
    "endorsed_at" TIMESTAMPTZ(3),

    CONSTRAINT "cr_section_a_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateTable
CREATE TABLE "cr_section_b" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "implementer_id" TEXT NOT NULL,
    "implementer_name" TEXT NOT NULL,
    "designation" TEXT,
    "change_type" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "planned_start" TIMESTAMPTZ(3) NOT NULL,
    "planned_end" TIMESTAMPTZ(3) NOT NULL,
    "activities" TEXT NOT NULL,
    "fallback_plan" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cr_section_b_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cr_section_c" (
    "ticket_id" UUID NOT NULL,
    "approver_id" TEXT NOT NULL,
    "approver_name" TEXT NOT NULL,
    "approver_phone" TEXT,
    "approved" BOOLEAN NOT NULL,
    "comments" TEXT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cr_section_c_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateTable
CREATE TABLE "cr_section_d" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "implementer_id" TEXT NOT NULL,
    "actual_start" TIMESTAMPTZ(3) NOT NULL,
    "actual_end" TIMESTAMPTZ(3) NOT NULL,
    "successful" BOOLEAN NOT NULL,
    "post_implementation_review" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cr_section_d_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_details" (
    "ticket_id" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "example_sender" TEXT,
    "example_recipient" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "bounce_text" TEXT,
    "description" TEXT,

    CONSTRAINT "complaint_details_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateTable
CREATE TABLE "ticket_notes" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" BIGSERIAL NOT NULL,
    "ticket_id" UUID,
    "type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_seq" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "audit_head_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "ticket_id" UUID,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "platform_message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posted_cards" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "card" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ms',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "posted_cards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignments" (
    "id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "ticket_id" UUID,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scheduler_runs" (
    "id" UUID NOT NULL,
    "task" TEXT NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "owner" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "result" JSONB,

    CONSTRAINT "scheduler_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handled_actions" (
    "key" TEXT NOT NULL,
    "ticket_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "handled_at" TIMESTAMPTZ(3) NOT NULL,
    "to_state" TEXT NOT NULL,

    CONSTRAINT "handled_actions_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "sla_notices" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sla_notices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tickets_number_key" ON "tickets"("number");

-- CreateIndex
CREATE INDEX "tickets_state_idx" ON "tickets"("state");

-- CreateIndex
CREATE INDEX "tickets_sla_due_at_idx" ON "tickets"("sla_due_at");

-- CreateIndex
CREATE INDEX "tickets_requester_id_idx" ON "tickets"("requester_id");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_kind_year_seq_key" ON "tickets"("kind", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "cr_section_b_ticket_id_round_key" ON "cr_section_b"("ticket_id", "round");

-- CreateIndex
CREATE UNIQUE INDEX "cr_section_d_ticket_id_round_key" ON "cr_section_d"("ticket_id", "round");

-- CreateIndex
CREATE INDEX "complaint_details_domain_idx" ON "complaint_details"("domain");

-- CreateIndex
CREATE INDEX "ticket_notes_ticket_id_idx" ON "ticket_notes"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_ticket_id_idx" ON "audit_events"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_seq_key" ON "outbox_messages"("seq");

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "posted_cards_ticket_id_idx" ON "posted_cards"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "posted_cards_platform_channel_message_id_key" ON "posted_cards"("platform", "channel", "message_id");

-- CreateIndex
CREATE INDEX "role_assignments_person_id_idx" ON "role_assignments"("person_id");

-- CreateIndex
CREATE INDEX "role_assignments_ticket_id_idx" ON "role_assignments"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "scheduler_runs_task_fire_at_key" ON "scheduler_runs"("task", "fire_at");

-- CreateIndex
CREATE INDEX "handled_actions_ticket_id_idx" ON "handled_actions"("ticket_id");

-- CreateIndex
CREATE UNIQUE INDEX "sla_notices_ticket_id_version_level_key" ON "sla_notices"("ticket_id", "version", "level");

-- AddForeignKey
ALTER TABLE "cr_section_a" ADD CONSTRAINT "cr_section_a_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cr_section_b" ADD CONSTRAINT "cr_section_b_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cr_section_c" ADD CONSTRAINT "cr_section_c_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cr_section_d" ADD CONSTRAINT "cr_section_d_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_details" ADD CONSTRAINT "complaint_details_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_notes" ADD CONSTRAINT "ticket_notes_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posted_cards" ADD CONSTRAINT "posted_cards_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handled_actions" ADD CONSTRAINT "handled_actions_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sla_notices" ADD CONSTRAINT "sla_notices_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Seed, hand-written (not produced by the schema engine): the head of the hash-chained audit log, which every
-- append locks FOR UPDATE (schema.prisma, AuditHead). The chain starts at seq 0 with the genesis hash,
-- 64 '0' characters, which the first event carries as its prev_hash.
INSERT INTO "audit_head" ("id", "last_seq", "last_hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
