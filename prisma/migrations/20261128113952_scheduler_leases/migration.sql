-- AlterTable
ALTER TABLE "scheduler_runs" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "lease_until" TIMESTAMPTZ(3);
