-- AlterTable
ALTER TABLE "mailtest_runs" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "delivery" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lease_until" TIMESTAMPTZ(3),
ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'request',
ADD COLUMN     "ticket_id" UUID;

-- CreateTable
CREATE TABLE "learned_dkim_selectors" (
    "domain" TEXT NOT NULL,
    "selector" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "learned_dkim_selectors_pkey" PRIMARY KEY ("domain","selector")
);

-- CreateIndex
CREATE INDEX "mailtest_runs_status_lease_until_idx" ON "mailtest_runs"("status", "lease_until");

-- CreateIndex
CREATE INDEX "mailtest_runs_ticket_id_idx" ON "mailtest_runs"("ticket_id");

-- AddForeignKey
ALTER TABLE "mailtest_runs" ADD CONSTRAINT "mailtest_runs_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
