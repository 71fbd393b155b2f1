-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "lapses" INTEGER NOT NULL DEFAULT 0;
