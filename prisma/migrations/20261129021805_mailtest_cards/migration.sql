-- AlterTable
ALTER TABLE "mailtest_runs" ADD COLUMN     "card" JSONB;
