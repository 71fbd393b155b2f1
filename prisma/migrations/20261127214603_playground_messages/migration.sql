-- CreateTable
CREATE TABLE "playground_messages" (
    "id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "reply_to_id" TEXT,
    "from_bot" BOOLEAN NOT NULL,
    "from_name" TEXT NOT NULL,
    "activity" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "views" JSONB NOT NULL DEFAULT '{}',
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "playground_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "playground_messages_place_created_at_idx" ON "playground_messages"("place", "created_at");
