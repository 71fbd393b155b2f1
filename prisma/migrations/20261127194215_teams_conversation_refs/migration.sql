-- CreateTable
CREATE TABLE "conversation_refs" (
    "id" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "tenant_id" TEXT,
    "reference" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_refs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "conversation_refs_platform_key_key" ON "conversation_refs"("platform", "key");
