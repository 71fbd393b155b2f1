-- CreateTable
CREATE TABLE "mailtest_runs" (
    "id" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_by_name" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "findings" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "mailtest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mailtest_runs_domain_started_at_idx" ON "mailtest_runs"("domain", "started_at");

-- CreateIndex
CREATE INDEX "mailtest_runs_requested_by_started_at_idx" ON "mailtest_runs"("requested_by", "started_at");
