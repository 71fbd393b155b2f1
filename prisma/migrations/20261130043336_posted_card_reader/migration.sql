-- AlterTable
ALTER TABLE "posted_cards" ADD COLUMN     "reader" TEXT;
